//! The document checked against the code and the rules it must state.

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
    use landlord_domain::application as app;
    use landlord_domain::billing::InvoiceStatus;
    use landlord_domain::mail;
    use landlord_domain::order::OrderStatus;
    use landlord_domain::support::{TicketPriority, TicketStatus};
    use landlord_domain::tenant::TenantAction;
    use landlord_domain::usage;
    use landlord_domain::user::UserStatus;
    use landlord_domain::webhook::DeliveryStatus;
    use landlord_domain::wire::EventStatus;
    use landlord_domain::{Permission, Role, TenantStatus, TenantType, money::Currency};
    fn names<T: Copy>(all: &[T], as_str: fn(T) -> &'static str) -> Value {
        all.iter().map(|v| as_str(*v)).collect()
    }
    use landlord_domain::billing::{
        BillingCycle, CardBrand, DunningEffect, LineKind, NewInvoiceStatus, PlanStatus,
        SubscriptionStatus,
    };
    use landlord_domain::capability::{LimitSource, NotificationKind, QuotaKind};
    use landlord_domain::tenant::StatusReason;
    use landlord_domain::wire::{ChangeEffect, PaymentMethodKind};
    let expected = [
        ("LimitSource", names(&LimitSource::ALL, LimitSource::as_str)),
        ("QuotaKind", names(&QuotaKind::ALL, QuotaKind::as_str)),
        (
            "NotificationKind",
            names(&NotificationKind::ALL, NotificationKind::as_str),
        ),
        (
            "CompanySize",
            names(
                &landlord_domain::tenant::settings::CompanySize::ALL,
                landlord_domain::tenant::settings::CompanySize::as_str,
            ),
        ),
        (
            "ServiceScope",
            names(
                &landlord_domain::service_token::ServiceScope::ALL,
                landlord_domain::service_token::ServiceScope::as_str,
            ),
        ),
        (
            "BillingCycle",
            names(&BillingCycle::ALL, BillingCycle::as_str),
        ),
        ("CardBrand", names(&CardBrand::ALL, CardBrand::as_str)),
        (
            "ChangeEffect",
            names(&ChangeEffect::ALL, ChangeEffect::as_str),
        ),
        (
            "DunningEffect",
            names(&DunningEffect::ALL, DunningEffect::as_str),
        ),
        ("LineKind", names(&LineKind::ALL, LineKind::as_str)),
        (
            "NewInvoiceStatus",
            names(&NewInvoiceStatus::ALL, NewInvoiceStatus::as_str),
        ),
        (
            "PaymentMethodKind",
            names(&PaymentMethodKind::ALL, PaymentMethodKind::as_str),
        ),
        ("PlanStatus", names(&PlanStatus::ALL, PlanStatus::as_str)),
        (
            "StatusReason",
            names(&StatusReason::ALL, StatusReason::as_str),
        ),
        (
            "SubscriptionStatus",
            names(&SubscriptionStatus::ALL, SubscriptionStatus::as_str),
        ),
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
        (
            "Aggregation",
            names(&usage::Aggregation::ALL, usage::Aggregation::as_str),
        ),
        (
            "MeterKind",
            names(&usage::MeterKind::ALL, usage::MeterKind::as_str),
        ),
        (
            "RejectReason",
            names(&usage::RejectReason::ALL, usage::RejectReason::as_str),
        ),
        ("EventStatus", names(&EventStatus::ALL, EventStatus::as_str)),
        (
            "RetentionDataType",
            names(
                &landlord_domain::policy::RetentionDataType::ALL,
                landlord_domain::policy::RetentionDataType::as_str,
            ),
        ),
        (
            "DriftStatus",
            names(
                &landlord_domain::policy::DriftStatus::ALL,
                landlord_domain::policy::DriftStatus::as_str,
            ),
        ),
        (
            "StepStatus",
            names(
                &landlord_domain::provisioning::StepStatus::ALL,
                landlord_domain::provisioning::StepStatus::as_str,
            ),
        ),
        (
            "StepKind",
            names(
                &landlord_domain::provisioning::StepKind::ALL,
                landlord_domain::provisioning::StepKind::as_str,
            ),
        ),
        (
            "PipelineStatus",
            names(
                &landlord_domain::provisioning::PipelineStatus::ALL,
                landlord_domain::provisioning::PipelineStatus::as_str,
            ),
        ),
        (
            "SupportAccessStatus",
            names(
                &landlord_domain::support_access::SupportAccessStatus::ALL,
                landlord_domain::support_access::SupportAccessStatus::as_str,
            ),
        ),
        (
            "MailKind",
            names(&mail::MailKind::ALL, mail::MailKind::as_str),
        ),
        (
            "MailStatus",
            names(&mail::MailStatus::ALL, mail::MailStatus::as_str),
        ),
        (
            "AdminNotification",
            names(
                &mail::AdminNotification::ALL,
                mail::AdminNotification::as_str,
            ),
        ),
        (
            "ApplicationType",
            names(&app::ApplicationType::ALL, app::ApplicationType::as_str),
        ),
        (
            "BillingMode",
            names(&app::BillingMode::ALL, app::BillingMode::as_str),
        ),
        (
            "Isolation",
            names(&app::Isolation::ALL, app::Isolation::as_str),
        ),
        (
            "ApplicationStatus",
            names(&app::ApplicationStatus::ALL, app::ApplicationStatus::as_str),
        ),
        (
            "PropertyType",
            names(
                &landlord_domain::custom_property::PropertyType::ALL,
                landlord_domain::custom_property::PropertyType::as_str,
            ),
        ),
        (
            "UsageCause",
            names(&app::UsageCause::ALL, app::UsageCause::as_str),
        ),
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
        ("CreateTenantRequest", "web_address", patterns::WEB_ADDRESS),
        ("CreateTenantRequest", "support_email", patterns::OPT_EMAIL),
        ("CreateTenantRequest", "billing_email", patterns::OPT_EMAIL),
        ("CreateTenantRequest", "language", patterns::LANGUAGE),
        ("CreateTenantRequest", "admin_first_name", patterns::TEXT),
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
        ("CreatePlanRequest", "name", patterns::NAME),
        ("UpdatePlanRequest", "name", patterns::NAME),
        ("CreateFeatureRequest", "name", patterns::NAME),
        ("CreateQuotaDefinitionRequest", "name", patterns::NAME),
        ("CreateQuotaDefinitionRequest", "unit", patterns::NAME),
        ("CreateServiceTokenRequest", "name", patterns::NAME),
        ("UpdateTenantRequest", "contact_name", patterns::TEXT),
        ("UpdateTenantRequest", "contact_email", patterns::OPT_EMAIL),
        ("UpdateTenantRequest", "contact_phone", patterns::PHONE),
        ("UpdateTenantRequest", "contact_address", patterns::TEXT),
        ("UpdateTenantRequest", "web_address", patterns::WEB_ADDRESS),
        ("UpdateTenantRequest", "support_email", patterns::OPT_EMAIL),
        ("UpdateTenantRequest", "billing_email", patterns::OPT_EMAIL),
        ("UpdateTenantRequest", "language", patterns::LANGUAGE),
        ("UpdateTenantRequest", "admin_first_name", patterns::TEXT),
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
    } // The code lists' patterns are generated from the lists the server checks against.
    use landlord_domain::tenant::settings;
    for schema in ["CreateTenantRequest", "UpdateTenantRequest"] {
        let properties = &spec["components"]["schemas"][schema]["properties"];
        assert_eq!(
            properties["country"]["pattern"],
            settings::country_pattern()
        );
        assert_eq!(
            properties["time_zone"]["pattern"],
            settings::time_zone_pattern()
        );
    }
}

#[test]
fn every_operation_is_secured_named_and_documents_its_errors() {
    let spec = serde_json::to_value(document()).unwrap();
    let public = [
        "login",
        "reset_password",
        "request_password_reset_link",
        "healthz",
        "readyz",
        "get_host_tenant",
    ];
    // These read nothing that can fail: the probe, and which tenant a Host header names.
    let infallible = ["healthz", "get_host_tenant"];
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            assert!(
                op["responses"]
                    .as_object()
                    .is_some_and(|r| r.len() >= 2 || infallible.contains(&id)),
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

/// A tagged input that refuses unknown fields says so in every variant.
#[test]
fn payment_methods_refuse_fields_their_variant_does_not_name() {
    let spec = spec();
    let variants = spec["components"]["schemas"]["PaymentMethodInput"]["oneOf"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(variants.len(), 3);
    for variant in variants {
        assert_eq!(variant["additionalProperties"], false, "{variant}");
    }
}
