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
        (name = "webhooks", description = "Webhook endpoints and their deliveries: signed (Standard Webhooks), retried, logged"),
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
    with_idempotency(spec)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed spec is what integrations build against; `make openapi` regenerates it.
    #[test]
    fn committed_openapi_spec_matches_the_code() {
        let generated = document().to_pretty_json().unwrap() + "\n";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi/openapi.json");
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == generated,
            "openapi/openapi.json is out of date: run `make openapi` and commit the result"
        );
    }

    use landlord_domain::listing::PageRequest;
    use landlord_domain::wire::patterns;
    use serde_json::Value;

    fn spec() -> Value {
        serde_json::to_value(document()).unwrap()
    }

    fn operations(spec: &Value) -> Vec<(String, &Value)> {
        let mut ops = Vec::new();
        for (path, item) in spec["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                ops.push((format!("{} {path}", method.to_uppercase()), op));
            }
        }
        ops
    }

    /// What the extractors answer before a handler runs is documented wherever they run.
    #[test]
    fn every_operation_documents_what_its_extractors_answer() {
        let spec = spec();
        for (name, op) in operations(&spec) {
            let documents = |status: &str| op["responses"][status].is_object();
            if op["requestBody"].is_object() {
                for status in ["400", "413", "415", "422"] {
                    assert!(documents(status), "{name} takes a body but omits {status}");
                }
            }
            if name.contains('{') {
                assert!(documents("404"), "{name} has a path id but omits 404");
            }
            let has_query = op["parameters"]
                .as_array()
                .is_some_and(|ps| ps.iter().any(|p| p["in"] == "query"));
            if has_query {
                assert!(
                    documents("422"),
                    "{name} has query parameters but omits 422"
                );
            }
        }
    }

    /// Every list (an operation answering a `Page_*`) documents `page` and `per_page`, and
    /// the bounds the document declares are the ones `PageRequest` enforces.
    #[test]
    fn every_list_declares_its_page_parameters_with_the_enforced_bounds() {
        let spec = spec();
        let mut lists = 0;
        for (name, op) in operations(&spec) {
            let answers_a_page =
                op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
                    .as_str()
                    .is_some_and(|r| r.starts_with("#/components/schemas/Page_"));
            let mut declared = Vec::new();
            for param in op["parameters"].as_array().into_iter().flatten() {
                let bounds = match param["name"].as_str() {
                    Some("page") => (1, PageRequest::MAX_PAGE),
                    Some("per_page") => (1, PageRequest::MAX_PER_PAGE),
                    _ => continue,
                };
                declared.push(param["name"].as_str().unwrap_or_default());
                let schema = &param["schema"];
                assert_eq!(schema["minimum"], bounds.0, "{name} {}", param["name"]);
                assert_eq!(schema["maximum"], bounds.1, "{name} {}", param["name"]);
            }
            let expected: &[&str] = if answers_a_page {
                &["page", "per_page"]
            } else {
                &[]
            };
            assert_eq!(declared, expected, "{name}");
            lists += usize::from(answers_a_page);
        }
        assert!(lists >= 8, "only {lists} lists found");
    }

    /// Every enumeration the document lists has exactly the wire names `as_str` gives and
    /// serde writes (a derive that missed a variant's rename would list its Rust name).
    #[test]
    fn enumerations_list_their_wire_names() {
        use landlord_domain::billing::InvoiceStatus;
        use landlord_domain::order::OrderStatus;
        use landlord_domain::support::{TicketPriority, TicketStatus};
        use landlord_domain::tenant::TenantAction;
        use landlord_domain::user::UserStatus;
        use landlord_domain::webhook::DeliveryStatus;
        use landlord_domain::{Permission, Role, TenantStatus, TenantType, money::Currency};
        fn names<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> Value {
            all.iter().map(|v| as_str(*v)).collect()
        }
        let expected = [
            ("Currency", names(&Currency::ALL, Currency::as_str)),
            (
                "DeliveryStatus",
                names(&DeliveryStatus::ALL, DeliveryStatus::as_str),
            ),
            (
                "InvoiceStatus",
                names(&InvoiceStatus::ALL, InvoiceStatus::as_str),
            ),
            ("OrderStatus", names(&OrderStatus::ALL, OrderStatus::as_str)),
            ("Permission", names(&Permission::ALL, Permission::as_str)),
            ("Role", names(&Role::ALL, Role::as_str)),
            (
                "TenantAction",
                names(&TenantAction::ALL, TenantAction::as_str),
            ),
            (
                "TenantStatus",
                names(&TenantStatus::ALL, TenantStatus::as_str),
            ),
            ("TenantType", names(&TenantType::ALL, TenantType::as_str)),
            (
                "TicketPriority",
                names(&TicketPriority::ALL, TicketPriority::as_str),
            ),
            (
                "TicketStatus",
                names(&TicketStatus::ALL, TicketStatus::as_str),
            ),
            ("UserStatus", names(&UserStatus::ALL, UserStatus::as_str)),
        ];
        let spec = spec();
        let schemas = spec["components"]["schemas"].as_object().unwrap();
        let listed = schemas.values().filter(|s| s.get("enum").is_some()).count();
        assert_eq!(
            listed,
            expected.len(),
            "a new enumeration belongs in this list"
        );
        for (schema, names) in expected {
            assert_eq!(schemas[schema]["enum"], names, "{schema}");
        }
    }

    /// The sort parameters name exactly the fields each list sorts by.
    #[test]
    fn sort_patterns_name_each_lists_fields() {
        use landlord_persistence::customer_records::RecordSort;
        use landlord_persistence::tenants::TenantSortField;
        use landlord_persistence::users::UserSortField;
        fn pattern<F>(fields: &[(&str, F)]) -> String {
            let names: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
            format!("^-?({})$", names.join("|"))
        }
        let spec = spec();
        let sort_of = |path: &str| {
            spec["paths"][path]["get"]["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["name"] == "sort")
                .map(|p| p["schema"]["pattern"].as_str().unwrap().to_owned())
                .unwrap()
        };
        let tenants = pattern(&TenantSortField::NAMES);
        assert_eq!(sort_of("/api/v1/tenants"), tenants);
        assert_eq!(sort_of("/api/v1/tenants/export"), tenants);
        assert_eq!(sort_of("/api/v1/users"), pattern(&UserSortField::NAMES));
        assert_eq!(
            sort_of("/api/v1/orders"),
            pattern(&RecordSort::ORDER_FIELDS)
        );
        assert_eq!(
            sort_of("/api/v1/invoices"),
            pattern(&RecordSort::INVOICE_FIELDS)
        );
        assert_eq!(
            sort_of("/api/v1/tickets"),
            pattern(&RecordSort::TICKET_FIELDS)
        );
    }

    /// `utoipa` takes only literal patterns; they must be the domain's.
    #[test]
    fn request_fields_declare_the_domain_patterns() {
        let spec = spec();
        let expected = [
            ("CreateTenantRequest", "domain", patterns::DOMAIN),
            ("CreateTenantRequest", "name", patterns::NAME),
            ("CreateTenantRequest", "contact_name", patterns::TEXT),
            ("CreateTenantRequest", "contact_email", patterns::OPT_EMAIL),
            ("CreateTenantRequest", "contact_phone", patterns::PHONE),
            ("CreateTenantRequest", "contact_address", patterns::TEXT),
            ("CreateTenantRequest", "country", patterns::COUNTRY),
            (
                "CreateTenantRequest",
                "billing_payment_method",
                patterns::TEXT,
            ),
            ("CreateTenantRequest", "billing_address", patterns::TEXT),
            ("CreateTenantRequest", "admin_username", patterns::USERNAME),
            ("CreateTenantRequest", "admin_email", patterns::EMAIL),
            ("CreateTenantRequest", "admin_password", patterns::PASSWORD),
            ("UpdateTenantRequest", "domain", patterns::DOMAIN),
            ("UpdateTenantRequest", "name", patterns::NAME),
            ("UpdateTenantRequest", "contact_name", patterns::TEXT),
            ("UpdateTenantRequest", "contact_email", patterns::OPT_EMAIL),
            ("UpdateTenantRequest", "contact_phone", patterns::PHONE),
            ("UpdateTenantRequest", "contact_address", patterns::TEXT),
            ("UpdateTenantRequest", "country", patterns::COUNTRY),
            (
                "UpdateTenantRequest",
                "billing_payment_method",
                patterns::TEXT,
            ),
            ("UpdateTenantRequest", "billing_address", patterns::TEXT),
            ("CreateUserRequest", "username", patterns::USERNAME),
            ("CreateUserRequest", "email", patterns::EMAIL),
            ("CreateUserRequest", "password", patterns::PASSWORD),
            ("PasswordResetRequest", "password", patterns::PASSWORD),
            ("CreateOrderRequest", "number", patterns::NUMBER),
            ("CreateOrderRequest", "total", patterns::AMOUNT),
            ("CreateInvoiceRequest", "number", patterns::NUMBER),
            ("CreateInvoiceRequest", "amount", patterns::AMOUNT),
            ("CreateTicketRequest", "subject", patterns::SUBJECT),
        ];
        for (schema, field, pattern) in expected {
            assert_eq!(
                spec["components"]["schemas"][schema]["properties"][field]["pattern"], pattern,
                "{schema}.{field}"
            );
        }
    }

    #[test]
    fn every_operation_is_secured_named_and_documents_its_errors() {
        let spec = serde_json::to_value(document()).unwrap();
        let public = ["login", "reset_password", "healthz", "readyz"];
        for (path, item) in spec["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let id = op["operationId"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
                assert!(
                    op["responses"]
                        .as_object()
                        .is_some_and(|r| r.len() >= 2 || id.starts_with("healthz")),
                    "{id} documents no error response"
                );
                if !public.contains(&id) {
                    assert!(
                        op["security"].is_array(),
                        "{id} is not marked as needing a bearer token"
                    );
                    assert!(
                        op["responses"]["401"].is_object(),
                        "{id} does not document 401"
                    );
                }
            }
        }
    }
}
