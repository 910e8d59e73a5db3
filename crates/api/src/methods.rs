//! Requests no route takes: `405 Method Not Allowed` with an `Allow` header when the path is
//! one of the API's but the method is not, `404` otherwise. The table is read from the
//! OpenAPI document the routes generate, so it cannot disagree with them or with the spec.

use crate::error::ApiError;
use actix_web::HttpRequest;
use actix_web::web;
use utoipa::openapi::OpenApi as Spec;

/// Each documented path template with the methods it answers, e.g. `/api/v1/tenants/{id}`:
/// `GET, PATCH, DELETE`.
#[derive(Debug, Default)]
pub struct AllowedMethods {
    routes: Vec<Route>,
}

#[derive(Debug)]
struct Route {
    /// `None` for a `{parameter}` segment, which matches any one segment.
    segments: Vec<Option<String>>,
    /// The `Allow` header value, in the order GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH, TRACE.
    allow: String,
}

impl AllowedMethods {
    pub fn from_spec(spec: &Spec) -> Self {
        let routes = spec
            .paths
            .paths
            .iter()
            .map(|(template, item)| {
                let methods = [
                    ("GET", item.get.is_some()),
                    ("PUT", item.put.is_some()),
                    ("POST", item.post.is_some()),
                    ("DELETE", item.delete.is_some()),
                    ("OPTIONS", item.options.is_some()),
                    ("HEAD", item.head.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("TRACE", item.trace.is_some()),
                ];
                Route {
                    segments: template
                        .split('/')
                        .map(|s| (!s.starts_with('{')).then(|| s.to_owned()))
                        .collect(),
                    allow: methods
                        .iter()
                        .filter(|(_, present)| *present)
                        .map(|(name, _)| *name)
                        .collect::<Vec<_>>()
                        .join(", "),
                }
            })
            .collect();
        Self { routes }
    }

    /// The `Allow` value of the path template `path` belongs to. Where several match
    /// (`/tenants/summary` and `/tenants/{id}`), the one with literal segments first wins,
    /// as the router registers the fixed paths first.
    pub fn allow(&self, path: &str) -> Option<&str> {
        let segments: Vec<&str> = path.split('/').collect();
        self.routes
            .iter()
            .filter(|route| {
                route.segments.len() == segments.len()
                    && route
                        .segments
                        .iter()
                        .zip(&segments)
                        .all(|(want, have)| match want {
                            Some(literal) => literal == have,
                            None => !have.is_empty(),
                        })
            })
            .max_by_key(|route| {
                route
                    .segments
                    .iter()
                    .map(|s| s.is_some())
                    .collect::<Vec<_>>()
            })
            .map(|route| route.allow.as_str())
    }
}

impl AllowedMethods {
    /// Whether an operation answers `method` on `path`.
    pub fn routes(&self, method: &str, path: &str) -> bool {
        self.allow(path)
            .is_some_and(|allow| allow.split(", ").any(|m| m.eq_ignore_ascii_case(method)))
    }
}

/// The error for a request that no handler took, or whose path did not parse: 405 if the
/// path's resource exists without this method, else 404.
pub fn unrouted(req: &HttpRequest) -> ApiError {
    let allow = req
        .app_data::<web::Data<AllowedMethods>>()
        .and_then(|methods| methods.allow(req.path()).map(str::to_owned));
    match allow {
        Some(allow)
            if !allow
                .split(", ")
                .any(|m| m.eq_ignore_ascii_case(req.method().as_str())) =>
        {
            ApiError::MethodNotAllowed(allow)
        }
        _ => ApiError::NotFound("resource"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_paths_win_over_parameters_and_unknown_paths_have_none() {
        let methods = AllowedMethods::from_spec(&crate::openapi::document());
        assert_eq!(methods.allow("/api/v1/tenants/summary"), Some("GET"));
        assert_eq!(
            methods.allow("/api/v1/tenants/42"),
            Some("GET, DELETE, PATCH")
        );
        assert_eq!(methods.allow("/api/v1/tenants"), Some("GET, POST"));
        assert_eq!(methods.allow("/api/v1/tenants/42/suspend"), Some("POST"));
        assert_eq!(methods.allow("/api/v1/nothing"), None);
        assert_eq!(methods.allow("/api/v1/tenants/"), None);
        assert_eq!(methods.allow("/healthz"), Some("GET"));
    }
}
