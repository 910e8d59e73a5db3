//! Landlord's HTTP API: actix-web handlers (one file per operation under `routes/`),
//! authentication, RFC 9457 errors, and the OpenAPI document generated from the handlers.

pub mod auth;
pub mod client_address;
pub mod context;
mod csv_download;
pub mod error;
mod idempotency;
mod json;
pub mod methods;
pub mod openapi;
mod query;
pub mod request_id;
pub mod request_meter;
pub mod request_rate;
pub mod routes;
pub mod state;

use actix_files::{Files, NamedFile};
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse, fn_service};
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpRequest, HttpResponse, web};
use state::AppState;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

pub use state::ApiSettings;

/// The whole application: `/api/v1`, health probes, the OpenAPI document and docs UI,
/// and the SPA with history-API fallback.
pub fn app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let static_dir = state.settings.static_dir.clone();
    let (app, spec) = App::new()
        .into_utoipa_app()
        .openapi(openapi::base())
        .app_data(web::Data::new(state))
        .app_data(web::PathConfig::default().error_handler(|_, req| methods::unrouted(req).into()))
        .service(utoipa_actix_web::scope("/api/v1").configure(routes::configure))
        .service(routes::health::healthz)
        .service(routes::health::readyz)
        .split_for_parts();
    let spec = openapi::finish(spec);
    let mut app = app
        .app_data(web::Data::new(methods::AllowedMethods::from_spec(&spec)))
        .service(web::redirect("/api/docs", "/api/docs/"))
        .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", spec))
        .service(web::scope("/api").default_service(web::to(not_found)))
        .default_service(web::to(not_found));
    if let Some(dir) = static_dir {
        let index = dir.join("index.html");
        app = app.service(
            Files::new("/", dir)
                .index_file("index.html")
                .prefer_utf8(true)
                .default_handler(fn_service(move |req: ServiceRequest| {
                    // Deep links such as /customers/42 are the SPA's routes: answer with the app.
                    let index = index.clone();
                    async move {
                        let (req, _) = req.into_parts();
                        let file = NamedFile::open(&index)?;
                        Ok(ServiceResponse::new(req.clone(), file.into_response(&req)))
                    }
                })),
        );
    }
    app.wrap(from_fn(request_rate::headers))
        .wrap(from_fn(idempotency::middleware))
        .wrap(Compress::default())
        .wrap(from_fn(request_id::middleware))
}

/// No route took the request: 405 for a known path with another method, else 404.
async fn not_found(req: HttpRequest) -> HttpResponse {
    actix_web::ResponseError::error_response(&methods::unrouted(&req))
}
