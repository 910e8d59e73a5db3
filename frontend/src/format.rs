//! How dates and other values read on screen.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use landlord_domain::money::Currency;

// Dates are written by hand rather than with chrono's `format`, whose strftime machinery
// would add to the app's download.

/// `2025-03-07`
pub fn date(at: &DateTime<Utc>) -> String {
    format!("{:04}-{:02}-{:02}", at.year(), at.month(), at.day())
}

/// `1 Mar 2026`, for dates in sentences.
pub fn day(at: &DateTime<Utc>) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS
        .get(at.month0() as usize)
        .copied()
        .unwrap_or_default();
    format!("{} {month} {}", at.day(), at.year())
}

/// `2025-03-07 14:05 UTC`
pub fn date_time(at: &DateTime<Utc>) -> String {
    format!("{} {:02}:{:02} UTC", date(at), at.hour(), at.minute())
}

/// `2025-03-07 14:05:09`
pub fn timestamp(at: &DateTime<Utc>) -> String {
    format!(
        "{} {:02}:{:02}:{:02}",
        date(at),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// A `YYYY-MM-DD` day.
fn parse_day(day: &str) -> Option<NaiveDate> {
    let mut parts = day.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// The start of a `YYYY-MM-DD` day (UTC) as RFC 3339.
pub fn day_start(day: &str) -> Option<String> {
    let date = parse_day(day)?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc().to_rfc3339())
}

/// The start of the day after a `YYYY-MM-DD` day (UTC), so the day itself is included.
pub fn day_end(day: &str) -> Option<String> {
    let date = parse_day(day)?.succ_opt()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc().to_rfc3339())
}

/// "1 customer", "3 customers"
pub fn count(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `12345` → `12,345`.
pub fn number(n: i64) -> String {
    group_thousands(&n.to_string())
}

/// `12345.6` → `12,345.6`: thousands separated, the fraction kept exactly as given.
fn group_thousands(amount: &str) -> String {
    let (sign, unsigned) = match amount.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", amount),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3 + 4);
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    match fraction {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// An exact decimal amount with its currency: `€12,345.60`, `¥8,890`, `SEK 1,200.00`.
pub fn money(amount: &str, currency: Currency) -> String {
    let grouped = group_thousands(amount);
    let symbol = match currency {
        Currency::EUR => "€",
        Currency::USD => "$",
        Currency::GBP => "£",
        Currency::JPY => "¥",
        _ => "",
    };
    if symbol.is_empty() {
        format!("{} {grouped}", currency.code())
    } else if let Some(positive) = grouped.strip_prefix('-') {
        format!("-{symbol}{positive}")
    } else {
        format!("{symbol}{grouped}")
    }
}

/// A country's English name from its ISO 3166 code, with the code: `Germany (DE)`. Falls
/// back to the code where the browser cannot name it.
pub fn country(code: &str) -> String {
    region_name(code)
        .filter(|name| name != code)
        .map(|name| format!("{name} ({code})"))
        .unwrap_or_else(|| code.to_owned())
}

/// `new Intl.DisplayNames(["en"], { type: "region" }).of(code)`.
fn region_name(code: &str) -> Option<String> {
    use js_sys::{Array, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
    let constructor = Reflect::get(&intl, &JsValue::from_str("DisplayNames"))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let options = Object::new();
    Reflect::set(&options, &"type".into(), &"region".into()).ok()?;
    let args = Array::of2(&Array::of1(&"en".into()), &options);
    let names = Reflect::construct(&constructor, &args).ok()?;
    let of = Reflect::get(&names, &JsValue::from_str("of"))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    of.call1(&names, &JsValue::from_str(code)).ok()?.as_string()
}
