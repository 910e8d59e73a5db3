//! A seeded customer's own data: its name, contacts and address, users, orders and tickets,
//! drawn from the seed's main stream around the [`Skeleton`] its billing follows.

use super::Batch;
use super::skeleton::{Skeleton, Timeline};
use crate::demo_data::*;
use landlord_domain::money::Currency;
use landlord_domain::order::OrderStatus;
use landlord_domain::support::{TicketPriority, TicketStatus};
use landlord_domain::tenant::settings::CompanySize;
use landlord_domain::tenant::{StatusReason, TenantPath};
use landlord_domain::{Role, TenantId, TenantStatus, TenantType};
use landlord_persistence::bulk::SeedTenantRow;
use landlord_persistence::models::{NewUserRow, search_text};
use landlord_persistence::orders::NewOrderRow;
use landlord_persistence::tickets::NewTicketRow;
use rand::Rng;
use rand::rngs::StdRng;

fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.gen_range(0..items.len())]
}

/// Generates the customer of `skeleton` below `root`, adding its users, orders and tickets to
/// `batch`, and answers its row (billing fills in its payment method, invoice count and
/// billing state).
pub(crate) fn generate(
    rng: &mut StdRng,
    skeleton: &Skeleton,
    root: &TenantPath,
    timeline: Timeline,
    demo_hash: &str,
    batch: &mut Batch,
) -> SeedTenantRow {
    let id = skeleton.id;
    let root_id = root.ids().last().map(|id| id.0).unwrap_or(1);
    let path = root.child(TenantId(id));
    let individual = rng.gen_bool(0.3);
    let (first, last) = (*pick(rng, FIRST_NAMES), *pick(rng, LAST_NAMES));
    let name = if individual {
        format!("{first} {last}")
    } else {
        let qualifier = *pick(rng, COMPANY_QUALIFIERS);
        let stem = *pick(rng, COMPANY_STEMS);
        let suffix = *pick(rng, COMPANY_SUFFIXES);
        [stem, qualifier, suffix]
            .iter()
            .filter(|w| !w.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let domain = format!("{}-{id}", slug(&name));
    let (country, currency_code, city, street) = skeleton.place;
    let (time_zone, language) = locale(city);
    let currency = Currency::parse(currency_code).unwrap_or(Currency::EUR);
    let mail_domain = format!("{}.example", slug(&name));
    let contact_email = format!("{}.{}@{mail_domain}", slug(first), slug(last));
    let admin_email = format!("admin@{mail_domain}");
    let created_at = skeleton.created_at;
    let address = format!(
        "{} {}, {} {city}",
        street,
        rng.gen_range(1..200),
        rng.gen_range(10000..99999)
    );

    // Users: the first administrator and a few more.
    let extra_users = rng.gen_range(0..=4);
    batch.users.push(NewUserRow {
        tenant_id: id,
        username: "admin".into(),
        email: admin_email.clone(),
        display_name: Some(format!("{first} {last}")),
        role: Role::Admin.as_str().into(),
        status: "active".into(),
        password_hash: Some(demo_hash.to_owned()),
        is_first_admin: true,
        password_reset_token_hash: None,
        password_reset_expires_at: None,
        created_at,
        updated_at: created_at,
    });
    for n in 0..extra_users {
        let (f, l) = (*pick(rng, FIRST_NAMES), *pick(rng, LAST_NAMES));
        batch.users.push(NewUserRow {
            tenant_id: id,
            username: format!("{}.{}{n}", slug(f), slug(l)),
            email: format!("{}.{}{n}@{mail_domain}", slug(f), slug(l)),
            display_name: Some(format!("{f} {l}")),
            role: (*pick(rng, &["member", "member", "viewer", "manager"])).to_owned(),
            status: if rng.gen_bool(0.95) {
                "active"
            } else {
                "disabled"
            }
            .into(),
            password_hash: None,
            is_first_admin: false,
            password_reset_token_hash: None,
            password_reset_expires_at: None,
            created_at: timeline.days_after(created_at, 60, rng),
            updated_at: created_at,
        });
    }
    let users_count = 1 + extra_users as i64;

    let scale = if currency == Currency::JPY { 1 } else { 100 };
    let orders = rng.gen_range(0..=5);
    for n in 1..=orders {
        let total = rng.gen_range(5..2_500) * scale + rng.gen_range(0..scale);
        batch.orders.push(NewOrderRow {
            tenant_id: id,
            number: format!("ORD-{n:05}"),
            status: pick(
                rng,
                &[
                    OrderStatus::Paid,
                    OrderStatus::Paid,
                    OrderStatus::Fulfilled,
                    OrderStatus::Pending,
                    OrderStatus::Cancelled,
                    OrderStatus::Refunded,
                ],
            )
            .as_str()
            .into(),
            total_minor: total,
            currency: currency_code.into(),
            placed_at: timeline.hours_after(created_at, 8_000, rng),
        });
    }
    let tickets = rng.gen_range(0..=2);
    for _ in 0..tickets {
        batch.tickets.push(NewTicketRow {
            tenant_id: id,
            subject: (*pick(rng, TICKET_SUBJECTS)).into(),
            status: pick(
                rng,
                &[
                    TicketStatus::Open,
                    TicketStatus::Pending,
                    TicketStatus::Closed,
                    TicketStatus::Closed,
                ],
            )
            .as_str()
            .into(),
            priority: pick(
                rng,
                &[
                    TicketPriority::Low,
                    TicketPriority::Normal,
                    TicketPriority::Normal,
                    TicketPriority::High,
                    TicketPriority::Urgent,
                ],
            )
            .as_str()
            .into(),
            created_at: timeline.hours_after(created_at, 8_000, rng),
        });
    }

    let kind = if individual {
        TenantType::Individual
    } else {
        TenantType::Company
    };
    // How a customer without a subscription says it pays (billing overwrites it for one with).
    let card = *pick(rng, CARDS);
    let payment_method = if card.contains("Bank") || card.contains("SEPA") {
        card.to_owned()
    } else {
        format!("{card} •••• {:04}", rng.gen_range(0..10_000))
    };
    let status = skeleton.status;
    SeedTenantRow {
        id,
        search_text: search_text(&name, &domain, Some(&contact_email), &admin_email),
        domain,
        name,
        tenant_type: kind.as_str().into(),
        status: status.as_str().into(),
        parent_id: Some(root_id),
        path: path.as_str().to_owned(),
        contact_name: Some(format!("{first} {last}")),
        contact_email: Some(contact_email),
        contact_phone: Some(format!(
            "+{} {} {:07}",
            rng.gen_range(1..99),
            rng.gen_range(10..999),
            rng.gen_range(0..9_999_999)
        )),
        admin_username: "admin".into(),
        admin_email,
        allow_subtenants: false,
        created_at,
        updated_at: skeleton.status_changed_at.unwrap_or(created_at),
        contact_address: Some(address.clone()),
        country: Some(country.into()),
        billing_payment_method: Some(payment_method),
        billing_address: Some(address),
        users_count,
        orders_count: orders,
        invoices_count: 0,
        tickets_count: tickets,
        billing_state: "ok".into(),
        status_reason: (status == TenantStatus::Suspended)
            .then(|| StatusReason::Operator.as_str().to_owned()),
        web_address: Some(format!("https://www.{mail_domain}")),
        support_email: Some(format!("support@{mail_domain}")),
        billing_email: Some(format!("billing@{mail_domain}")),
        // From the id, not the generator, so every other generated value stays as it was.
        company_size: (kind == TenantType::Company)
            .then(|| CompanySize::ALL[id.unsigned_abs() as usize % CompanySize::ALL.len()])
            .map(|size| size.as_str().to_owned()),
        time_zone: Some(time_zone.to_owned()),
        language: Some(language.to_owned()),
        admin_first_name: Some(first.to_owned()),
    }
}

/// The site time zone and system language of a customer in `city`.
fn locale(city: &str) -> (&'static str, &'static str) {
    match city {
        "Berlin" | "München" => ("Europe/Berlin", "de-DE"),
        "Paris" => ("Europe/Paris", "fr-FR"),
        "Amsterdam" => ("Europe/Amsterdam", "nl-NL"),
        "Madrid" => ("Europe/Madrid", "es-ES"),
        "Milano" => ("Europe/Rome", "it-IT"),
        "London" => ("Europe/London", "en-GB"),
        "New York" => ("America/New_York", "en-US"),
        "San Francisco" => ("America/Los_Angeles", "en-US"),
        "Toronto" => ("America/Toronto", "en-CA"),
        "Zürich" => ("Europe/Zurich", "de-CH"),
        "Stockholm" => ("Europe/Stockholm", "sv-SE"),
        "Oslo" => ("Europe/Oslo", "nb-NO"),
        "København" => ("Europe/Copenhagen", "da-DK"),
        "Sydney" => ("Australia/Sydney", "en-AU"),
        "Tokyo" => ("Asia/Tokyo", "ja-JP"),
        _ => ("UTC", "en"),
    }
}

#[cfg(test)]
mod locale_tests {
    use super::locale;
    use crate::demo_data::PLACES;
    use landlord_domain::tenant::settings::{parse_country, parse_language, parse_time_zone};

    #[test]
    fn every_demo_place_has_a_valid_time_zone_language_and_country() {
        for (country, _, city, _) in PLACES {
            let (zone, language) = locale(city);
            assert_ne!(zone, "UTC", "{city} has its own zone");
            assert_eq!(parse_time_zone(zone), Ok(zone));
            assert_eq!(parse_language(language).as_deref(), Ok(language));
            assert_eq!(parse_country(country), Ok(*country));
        }
    }
}
