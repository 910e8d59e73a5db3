//! The OpenAPI document. Paths come from the handlers' `#[utoipa::path]` as they are
//! registered (see `routes`); this adds the metadata, shared schemas and security scheme.

use crate::error::PROBLEM_JSON;
use crate::json::MAX_BODY_BYTES;
use actix_web::App;
use std::collections::BTreeMap;
use utoipa::openapi::OpenApi as Spec;
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, Ref, RefOr};
use utoipa::{IntoResponses, Modify, OpenApi};
use utoipa_actix_web::AppExt;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Landlord API",
        description = "Tenant management for SaaS operators: tenants and their hierarchy, lifecycle, users, permissions and audit log. Errors are RFC 9457 problem+json documents. See docs/api.md for the conventions.",
        license(name = "Apache-2.0")
    ),
    modifiers(&BearerAuth),
    components(schemas(landlord_domain::wire::Problem, landlord_domain::wire::FieldError)),
    tags(
        (name = "auth", description = "Signing in and out"),
        (name = "tenants", description = "Tenants, their lifecycle and audit log"),
        (name = "customers", description = "The Customers page: summary, export and global search"),
        (name = "users", description = "Users of tenants"),
        (name = "activity", description = "Customers' orders, invoices and support tickets"),
        (name = "billing", description = "Plans, subscriptions with proration, billing runs, payments and dunning"),
        (name = "capabilities", description = "Feature and quota catalogues, tenants' overrides and entitlements, and atomic quota consumption"),
        (name = "applications", description = "The application catalogue, tenants' subscriptions and microservices' reported instances"),
        (name = "usage", description = "Meters, idempotent usage-event ingestion and tenants' daily usage in their time zone"),
        (name = "policies", description = "Tenant options (locked by the management tenant, credentials encrypted), retention rules and tenant policies copied or linked at creation"),
        (name = "webhooks", description = "Webhook endpoints and their deliveries: signed (Standard Webhooks), retried, logged"),
        (name = "provisioning", description = "Provisioning as visible, resumable steps: the operator's external steps, and each tenant's pipeline"),
        (name = "support", description = "Support-user access: tenants' grants, the platform switch"),
        (name = "health", description = "Probes"),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut Spec) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// Input enums tagged by `type` with `deny_unknown_fields`: the server refuses any field a
/// variant does not name, but utoipa closes only structs, so each variant's object is closed
/// here (`additionalProperties: false`) and the document says what the server does. It runs
/// on the whole document: these schemas arrive with the paths that use them.
const CLOSED_TAGGED_INPUTS: [&str; 1] = ["PaymentMethodInput"];

fn close_tagged_inputs(spec: &mut Spec) {
    use utoipa::openapi::schema::{AdditionalProperties, Schema};
    let Some(components) = spec.components.as_mut() else {
        return;
    };
    for name in CLOSED_TAGGED_INPUTS {
        if let Some(RefOr::T(Schema::OneOf(one_of))) = components.schemas.get_mut(name) {
            for variant in &mut one_of.items {
                if let RefOr::T(Schema::Object(object)) = variant {
                    object.additional_properties =
                        Some(Box::new(AdditionalProperties::FreeForm(false)));
                }
            }
        }
    }
}

/// What every operation that reads a JSON body (`JsonBody`) can answer before its handler
/// runs: list it in `responses(...)` beside the operation's own statuses, so none of them
/// is forgotten and every body-taking operation describes them alike.
///
/// ```text
/// responses(BodyProblems, (status = 201, ...), ...)
/// ```
pub struct BodyProblems;

impl IntoResponses for BodyProblems {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        [
            ("400", "The body is not JSON".to_owned()),
            (
                "413",
                format!("The body is larger than {} KiB", MAX_BODY_BYTES / 1024),
            ),
            ("415", "The body is not `application/json`".to_owned()),
            (
                "422",
                "The JSON has the wrong shape or fields are invalid; each is listed".to_owned(),
            ),
        ]
        .into_iter()
        .map(|(status, description)| (status.to_owned(), problem(description)))
        .collect()
    }
}

/// A problem+json response with `description`.
fn problem(description: impl Into<String>) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            PROBLEM_JSON,
            Content::new(Some(Ref::from_schema_name("Problem"))),
        )
        .build()
        .into()
}

/// The metadata without paths.
pub fn base() -> Spec {
    ApiDoc::openapi()
}

/// The complete document, as served at `/api/openapi.json`.
pub fn document() -> Spec {
    let (_, spec) = App::new()
        .into_utoipa_app()
        .openapi(base())
        .service(utoipa_actix_web::scope("/api/v1").configure(crate::routes::configure))
        .service(crate::routes::health::healthz)
        .service(crate::routes::health::readyz)
        .split_for_parts();
    finish(spec)
}

/// What every document gets after the routes are collected: closed tagged inputs, the
/// idempotency key, and the signed-in operations' 401 and 429.
pub fn finish(mut spec: Spec) -> Spec {
    close_tagged_inputs(&mut spec);
    signed_in::with_signed_in_problems(with_idempotency(spec))
}

/// Documents what the idempotency middleware adds to every signed-in `POST`, `PATCH` and
/// `DELETE`: the optional `Idempotency-Key` header, 409 while the first request with the
/// key runs, and 422 for the key reused on another request.
pub fn with_idempotency(mut spec: Spec) -> Spec {
    use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
    use utoipa::openapi::{
        ContentBuilder, ObjectBuilder, Ref, Required, ResponseBuilder, schema::Type,
    };
    let problem = || {
        ContentBuilder::new()
            .schema(Some(Ref::from_schema_name("Problem")))
            .build()
    };
    for item in spec.paths.paths.values_mut() {
        for op in [&mut item.post, &mut item.patch, &mut item.delete]
            .into_iter()
            .flatten()
        {
            if op.security.is_none() {
                continue;
            }
            let header = ParameterBuilder::new()
                .name("Idempotency-Key")
                .parameter_in(ParameterIn::Header)
                .required(Required::False)
                .description(Some(
                    "Makes a retry safe: the first answer is stored for 24 hours and replayed \
                     (with `Idempotent-Replayed: true`) to a retry with the same key, method, \
                     path and body. Keys are scoped to the signed-in user; 1 to 255 visible \
                     ASCII characters.",
                ))
                .schema(Some(
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .min_length(Some(1))
                        .max_length(Some(landlord_domain::idempotency::MAX_KEY_LENGTH))
                        .pattern(Some("^[!-~]+$"))
                        .build(),
                ))
                .build();
            op.parameters.get_or_insert_with(Vec::new).push(header);
            let responses = &mut op.responses.responses;
            let mut add = |status: &str, description: &str| {
                let response = responses.entry(status.to_owned()).or_insert_with(|| {
                    ResponseBuilder::new()
                        .description(description)
                        .content("application/problem+json", problem())
                        .build()
                        .into()
                });
                if let utoipa::openapi::RefOr::T(response) = response
                    && !response.description.contains("Idempotency-Key")
                {
                    response.description = format!(
                        "{}; or {}",
                        response.description,
                        description.to_lowercase()
                    );
                }
            };
            add(
                "409",
                "A request with the same Idempotency-Key is still being processed (`idempotency_key_in_use`)",
            );
            add(
                "422",
                "The Idempotency-Key was used for a different request (`idempotency_key_reused`), or it is malformed",
            );
        }
    }
    spec
}

mod signed_in;
#[cfg(test)]
mod tests;
