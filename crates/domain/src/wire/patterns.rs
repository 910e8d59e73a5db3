//! The patterns the OpenAPI document declares for request fields, each stating what the
//! field's parser accepts, so a client (or a fuzzer) that follows the document is neither
//! refused valid input nor let through invalid input. `utoipa` takes only literals in
//! `#[schema(pattern = ...)]`; crates/api's tests check the document carries these.
//!
//! Written for every dialect a JSON Schema validator may use (ECMA-262, Python, Rust): explicit
//! code-point ranges instead of `\s`, `\w` or `\p{..}`, whose meaning differs between them.
//! "White space" is Unicode `White_Space`, what `str::trim` removes; "control" is Unicode `Cc`,
//! what `char::is_control` means.

/// A tenant name ([`crate::tenant::TenantName`]): no control character, not blank.
pub const NAME: &str = r"^[^\u0000-\u001f\u007f-\u009f]*[^\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$";

/// Free text such as an address: no control character.
pub const TEXT: &str = r"^[^\u0000-\u001f\u007f-\u009f]*$";

/// A phone number: digits, spaces and `+ - ( ) . /` with at least one digit, or blank.
pub const PHONE: &str = r"^( *|[0-9 +()./-]*[0-9][0-9 +()./-]*)$";

// A country and a time zone have no constant here: their patterns list the real codes and
// are generated from the lists ([`crate::tenant::settings::country_pattern`],
// [`crate::tenant::settings::time_zone_pattern`]).

/// A system language ([`crate::tenant::settings::parse_language`]): a BCP 47 tag
/// `language[-Script][-REGION]`, or blank. The server also checks each subtag against the
/// IANA registry, which no pattern can list in reasonable size.
pub const LANGUAGE: &str = r"^( *|[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?)$";

/// A web address ([`crate::tenant::settings::parse_web_address`]): an optional `http://` or
/// `https://`, a host name of two or more DNS labels, an optional port and path, or blank.
pub const WEB_ADDRESS: &str = r"^( *|(?:[Hh][Tt][Tt][Pp][Ss]?://)?[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+(?::[0-9]{1,5})?(?:/[!-~]*)?)$";

/// An email address ([`crate::email::Email`]) with optional surrounding white space. Letters outside ASCII, which the parser also takes, are left out: a pattern cannot name "any letter" alike in every regular-expression dialect.
pub const EMAIL: &str = r"^[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[!-?A-~]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$";

/// [`EMAIL`], or blank.
pub const OPT_EMAIL: &str = r"^[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[!-?A-~]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)?[\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$";

/// A username ([`crate::user::Username`]).
pub const USERNAME: &str = r"^[A-Za-z0-9._@+-]{1,64}$";

/// A tenant domain ([`crate::tenant::TenantDomain`]): one DNS label.
pub const DOMAIN: &str = r"^[a-z][a-z0-9-]{0,61}[a-z0-9]$";

/// An order or invoice number ([`check_number`](super::check_number)).
pub const NUMBER: &str = r"^[A-Za-z0-9_/.-]{1,40}$";

/// A ticket subject: not blank.
pub const SUBJECT: &str = r"^[\s\S]*[^\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000][\s\S]*$";

/// A money amount ([`crate::money::parse_amount`]) of at most 15 whole digits and 2 decimals; the currency may allow fewer (JPY none).
pub const AMOUNT: &str = r"^[0-9]{1,15}(?:\.[0-9]{1,2})?$";

/// A new password's composition ([`crate::password::NewPassword`]), beside its 8 to 128 characters: a digit, space or ASCII symbol and a letter (any other character but a control one).
pub const PASSWORD: &str = r"^(?:[\s\S]*[ -@\[-`{-~][\s\S]*[^ -@\[-`{-~\u0000-\u001f\u007f-\u009f]|[\s\S]*[^ -@\[-`{-~\u0000-\u001f\u007f-\u009f][\s\S]*[ -@\[-`{-~])[\s\S]*$";

/// A card number ([`crate::billing::Card::parse`]): 12 to 19 digits, spaces and dashes
/// ignored. Written out in `PaymentMethodInput`; the Luhn digit only the server checks.
pub const CARD_NUMBER: &str = r"^[ -]*(?:[0-9][ -]*){12,19}$";
