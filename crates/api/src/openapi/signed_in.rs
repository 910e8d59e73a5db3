//! What every signed-in operation can answer before its handler runs, documented once
//! instead of in each handler: 401 when no valid session or token comes with it, and 429
//! when the caller's tenant is beyond its request-rate limit (`request_rate`).

use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{ContentBuilder, OpenApi as Spec, Ref, ResponseBuilder};

/// Adds the 401 (where an operation names none of its own) and the 429 to every operation
/// with a security requirement.
pub fn with_signed_in_problems(mut spec: Spec) -> Spec {
    let problem = || {
        ContentBuilder::new()
            .schema(Some(Ref::from_schema_name("Problem")))
            .build()
    };
    let header = |kind: Type, description: &str| {
        HeaderBuilder::new()
            .schema(ObjectBuilder::new().schema_type(kind))
            .description(Some(description))
            .build()
    };
    for item in spec.paths.paths.values_mut() {
        for op in [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.patch,
            &mut item.delete,
        ]
        .into_iter()
        .flatten()
        {
            if op.security.is_none() {
                continue;
            }
            let responses = &mut op.responses.responses;
            responses.entry("401".to_owned()).or_insert_with(|| {
                ResponseBuilder::new()
                    .description("Not signed in")
                    .content("application/problem+json", problem())
                    .build()
                    .into()
            });
            let limited = ResponseBuilder::new()
                .description(
                    "The caller's tenant is beyond its request-rate limit and queue \
                     (`rate_limited`); retry after `Retry-After` seconds",
                )
                .content("application/problem+json", problem())
                .header(
                    "Retry-After",
                    header(Type::Integer, "Seconds until a place in the queue frees"),
                )
                .header(
                    "RateLimit-Policy",
                    header(Type::String, "`\"tenant\";q=<requests>;w=1`"),
                )
                .header(
                    "RateLimit",
                    header(
                        Type::String,
                        "`\"tenant\";r=<places left>;t=<seconds until the backlog is gone>`",
                    ),
                )
                .build();
            responses.entry("429".to_owned()).or_insert(limited.into());
        }
    }
    spec
}
