//! A tenant's settings (seeds 000 and 002): its company size, country, site time zone,
//! system language and web address. Each is parsed from what a client sent by one function
//! here, against the real code list where there is one (ISO 3166-1 from `isocountry`, the
//! IANA time zone database from `chrono-tz`, the IANA language subtag registry from
//! `language-tags`), and the OpenAPI document states the same rule ([`country_pattern`],
//! [`time_zone_pattern`], [`crate::wire::patterns::LANGUAGE`], [`crate::wire::patterns::WEB_ADDRESS`]).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

string_enum!(/// How many people a tenant's organisation employs, in buckets (seed 002's
    /// "Company/Organization Size").
    #[derive(PartialOrd, Ord)]
    CompanySize {
        UpTo10 => "1-10",
        UpTo50 => "11-50",
        UpTo200 => "51-200",
        UpTo500 => "201-500",
        UpTo1000 => "501-1000",
        UpTo5000 => "1001-5000",
        Over5000 => "5001+",
    }
);

/// Why a setting was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingError {
    #[error("must be an ISO 3166-1 alpha-2 country code, e.g. DE")]
    Country,
    #[error("must be an IANA time zone name, e.g. Europe/Berlin")]
    TimeZone,
    #[error(
        "must be a BCP 47 language tag of registered subtags: a language with an optional script and region, e.g. de, en-GB, zh-Hant-TW"
    )]
    Language,
    #[error(
        "must be a web address: an optional http:// or https://, a host name with a dot, an optional port and path"
    )]
    WebAddress,
}

impl SettingError {
    /// The field error's `code`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Country => "invalid_country",
            Self::TimeZone => "invalid_time_zone",
            Self::Language => "invalid_language",
            Self::WebAddress => "invalid_web_address",
        }
    }
}

/// An ISO 3166-1 alpha-2 code in either case, as its upper-case code.
pub fn parse_country(value: &str) -> Result<&'static str, SettingError> {
    if value.len() != 2 {
        return Err(SettingError::Country);
    }
    isocountry::CountryCode::for_alpha2_caseless(value)
        .map(|c| c.alpha2())
        .map_err(|_| SettingError::Country)
}

/// Every ISO 3166-1 country as (alpha-2 code, English short name), by code.
pub fn countries() -> Vec<(&'static str, &'static str)> {
    let mut all: Vec<_> = isocountry::CountryCode::iter()
        .map(|c| (c.alpha2(), c.name()))
        .collect();
    all.sort_unstable();
    all
}

/// The English name of the country `code`, if it is one.
pub fn country_name(code: &str) -> Option<&'static str> {
    isocountry::CountryCode::for_alpha2(code)
        .ok()
        .map(|c| c.name())
}

/// A time zone name of the IANA database, exactly as written there (`Europe/Berlin`).
pub fn parse_time_zone(value: &str) -> Result<&'static str, SettingError> {
    value
        .parse::<chrono_tz::Tz>()
        .map(|tz| tz.name())
        .map_err(|_| SettingError::TimeZone)
}

/// Every IANA time zone name, sorted.
pub fn time_zones() -> Vec<&'static str> {
    let mut all: Vec<_> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
    all.sort_unstable();
    all
}

/// A BCP 47 tag of the form `language[-Script][-REGION]` (what a system language needs),
/// whose subtags are in the IANA registry; in its canonical case (`en-GB`, `zh-Hant-TW`).
pub fn parse_language(value: &str) -> Result<String, SettingError> {
    if !language_shape(value) {
        return Err(SettingError::Language);
    }
    let tag = language_tags::LanguageTag::parse(value).map_err(|_| SettingError::Language)?;
    tag.validate().map_err(|_| SettingError::Language)?;
    Ok(tag.into_string())
}

/// `patterns::LANGUAGE` without its blank alternative: 2 or 3 letters, then optionally a
/// 4-letter script, then optionally a 2-letter or 3-digit region.
fn language_shape(value: &str) -> bool {
    let mut parts = value.split('-');
    let Some(language) = parts.next() else {
        return false;
    };
    if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let mut rest: Vec<&str> = parts.collect();
    if rest
        .first()
        .is_some_and(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        rest.remove(0);
    }
    match rest.as_slice() {
        [] => true,
        [region] => {
            (region.len() == 2 && region.bytes().all(|b| b.is_ascii_alphabetic()))
                || (region.len() == 3 && region.bytes().all(|b| b.is_ascii_digit()))
        }
        _ => false,
    }
}

/// A web address as `patterns::WEB_ADDRESS` states it; stored with `https://` in front
/// when it came without a scheme.
pub fn parse_web_address(value: &str) -> Result<String, SettingError> {
    let lower = value.to_ascii_lowercase();
    let (scheme, rest) = if lower.starts_with("https://") {
        (&value[..8], &value[8..])
    } else if lower.starts_with("http://") {
        (&value[..7], &value[7..])
    } else {
        ("", value)
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let label_ok = |l: &str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let labels: Vec<&str> = host.split('.').collect();
    let host_ok = labels.len() >= 2 && labels.iter().all(|l| label_ok(l));
    let port_ok =
        port.is_none_or(|p| (1..=5).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    let path_ok = path.bytes().all(|b| (b'!'..=b'~').contains(&b));
    if !(host_ok && port_ok && path_ok) {
        return Err(SettingError::WebAddress);
    }
    Ok(match scheme {
        "" => format!("https://{value}"),
        _ => format!("{}{rest}", scheme.to_ascii_lowercase()),
    })
}

/// Escapes `s` for a regular expression (time zone names hold `+`, `-` and `_`).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.+*?()|[]{}^$-".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The pattern a country field has in the OpenAPI document: blank, or one of the ISO 3166-1
/// alpha-2 codes in either case, grouped by first letter (`[Aa][DdEeFf...]`).
pub fn country_pattern() -> String {
    let mut by_first: BTreeMap<char, String> = BTreeMap::new();
    for (code, _) in countries() {
        let mut chars = code.chars();
        if let (Some(first), Some(second)) = (chars.next(), chars.next()) {
            let entry = by_first.entry(first).or_default();
            entry.push(second);
            entry.push(second.to_ascii_lowercase());
        }
    }
    let groups: Vec<String> = by_first
        .into_iter()
        .map(|(first, seconds)| format!("[{first}{}][{seconds}]", first.to_ascii_lowercase()))
        .collect();
    format!("^( *|{})$", groups.join("|"))
}

/// The pattern a time zone field has in the OpenAPI document: blank, or one IANA name.
pub fn time_zone_pattern() -> String {
    let names: Vec<String> = time_zones().into_iter().map(escape).collect();
    format!("^( *|{})$", names.join("|"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn company_sizes_round_trip() {
        crate::string_enum::tests::round_trips(
            &CompanySize::ALL,
            CompanySize::as_str,
            CompanySize::parse,
        );
    }

    #[test]
    fn countries_are_the_iso_list_in_either_case() {
        assert_eq!(parse_country("de"), Ok("DE"));
        assert_eq!(parse_country("GB"), Ok("GB"));
        assert_eq!(parse_country("XX"), Err(SettingError::Country));
        assert_eq!(parse_country("ZZ"), Err(SettingError::Country));
        assert_eq!(parse_country("DEU"), Err(SettingError::Country));
        assert!(countries().len() >= 249);
        assert_eq!(country_name("DE"), Some("Germany"));
    }

    #[test]
    fn time_zones_are_iana_names() {
        assert_eq!(parse_time_zone("Europe/Berlin"), Ok("Europe/Berlin"));
        assert_eq!(parse_time_zone("UTC"), Ok("UTC"));
        assert_eq!(parse_time_zone("Etc/GMT+1"), Ok("Etc/GMT+1"));
        assert!(parse_time_zone("Mars/Olympus").is_err());
        assert!(parse_time_zone("europe/berlin").is_err());
        assert!(time_zone_pattern().contains(r"Etc/GMT\+1|"));
    }

    #[test]
    fn languages_are_registered_language_script_region_tags() {
        assert_eq!(parse_language("de").unwrap(), "de");
        assert_eq!(parse_language("en-gb").unwrap(), "en-GB");
        assert_eq!(parse_language("zh-hant-tw").unwrap(), "zh-Hant-TW");
        assert_eq!(parse_language("es-419").unwrap(), "es-419");
        for bad in [
            "",
            "e",
            "english",
            "qq-Zzzz-QQ1",
            "xx",
            "en-GB-oed",
            "en--GB",
            "en-JJ",
        ] {
            assert!(parse_language(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn web_addresses_get_a_scheme() {
        assert_eq!(
            parse_web_address("acme.example").unwrap(),
            "https://acme.example"
        );
        assert_eq!(
            parse_web_address("HTTP://acme.example:8080/about?x=1").unwrap(),
            "http://acme.example:8080/about?x=1"
        );
        for bad in [
            "acme",
            "ftp://acme.example",
            "acme .example",
            "-a.example",
            "a.example:x",
        ] {
            assert!(parse_web_address(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_country_pattern_lists_each_code_in_both_cases() {
        let pattern = country_pattern();
        assert!(pattern.starts_with("^( *|[Aa][D"));
        assert!(pattern.contains("[Dd][EeJjKkMmOoZz]"), "{pattern}");
    }
}
