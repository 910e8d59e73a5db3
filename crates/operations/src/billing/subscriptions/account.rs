//! The billing account part of a subscription request: payment method, billing email, tax rate
//! and payment terms, parsed before the transaction and applied inside it.

use super::super::collection::provider;
use chrono::Datelike;
use landlord_domain::Email;
use landlord_domain::billing::{Card, CardError, TaxRate};
use landlord_domain::wire::{FieldErrors, PaymentMethodInput, PutSubscriptionRequest};
use landlord_persistence::Timestamp;
use landlord_persistence::billing::accounts::BillingAccountRow;

/// A card given with a subscription request: the card, and its provider and token.
type GivenCard = (Card, String, String);

/// What to change on the account; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub(crate) struct AccountChanges {
    /// The method, with the card and its sandbox token when it is one.
    pub payment_method: Option<(String, Option<GivenCard>)>,
    pub billing_email: Option<Option<String>>,
    pub tax_rate: Option<Option<TaxRate>>,
    pub payment_terms_days: Option<u32>,
}

fn card_code(e: &CardError) -> &'static str {
    match e {
        CardError::InvalidNumber => "invalid_card_number",
        CardError::InvalidMonth => "invalid_month",
        CardError::Expired => "card_expired",
    }
}

impl AccountChanges {
    pub(crate) fn parse(
        request: &PutSubscriptionRequest,
        now: Timestamp,
    ) -> Result<Self, FieldErrors> {
        parse_parts(
            request.payment_method.as_ref(),
            request.billing_email.as_ref(),
            request.tax_rate.as_ref(),
            request.payment_terms_days,
            now,
        )
    }

    pub(crate) fn apply(&self, account: &mut BillingAccountRow, now: Timestamp) {
        if let Some((method, card)) = &self.payment_method {
            account.payment_method = method.clone();
            account.card_brand = card.as_ref().map(|(c, _, _)| c.brand.as_str().to_owned());
            account.card_last4 = card.as_ref().map(|(c, _, _)| c.last4.clone());
            account.card_exp_month = card.as_ref().map(|(c, _, _)| c.exp_month as i32);
            account.card_exp_year = card.as_ref().map(|(c, _, _)| c.exp_year);
            account.payment_provider = card.as_ref().map(|(_, p, _)| p.clone());
            account.payment_token = card.as_ref().map(|(_, _, t)| t.clone());
        }
        if let Some(email) = &self.billing_email {
            account.billing_email = email.clone();
        }
        if let Some(rate) = self.tax_rate {
            account.tax_rate_bp = rate.map(|r| r.basis_points() as i32);
        }
        if let Some(days) = self.payment_terms_days {
            account.payment_terms_days = days as i32;
        }
        account.updated_at = now;
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.payment_method.is_none()
            && self.billing_email.is_none()
            && self.tax_rate.is_none()
            && self.payment_terms_days.is_none()
    }
}

pub(crate) fn parse_parts(
    payment_method: Option<&PaymentMethodInput>,
    billing_email: Option<&Option<String>>,
    tax_rate: Option<&Option<String>>,
    payment_terms_days: Option<u32>,
    now: Timestamp,
) -> Result<AccountChanges, FieldErrors> {
    let mut e = FieldErrors::default();
    let payment_method = payment_method.and_then(|method| match method {
        PaymentMethodInput::None => Some(("none".to_owned(), None)),
        PaymentMethodInput::Invoice => Some(("invoice".to_owned(), None)),
        PaymentMethodInput::Card {
            number,
            exp_month,
            exp_year,
        } => {
            let parsed = Card::parse(number, *exp_month, *exp_year, now.year(), now.month());
            let field = match parsed {
                Err(CardError::InvalidMonth) => "payment_method.exp_month",
                Err(CardError::Expired) => "payment_method.exp_year",
                _ => "payment_method.number",
            };
            let (card, _) = e.check(field, card_code, parsed)?;
            let digits: String = number.chars().filter(char::is_ascii_digit).collect();
            let sandbox = provider("sandbox")?;
            let token = sandbox.tokenize(&digits, &card);
            Some((
                "card".to_owned(),
                Some((card, sandbox.name().to_owned(), token)),
            ))
        }
    });
    let billing_email = billing_email.map(|email| {
        email
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .and_then(|s| {
                e.check("billing_email", |_| "invalid_email", Email::parse(s))
                    .map(|m| m.as_str().to_owned())
            })
    });
    let tax_rate = tax_rate.map(|rate| {
        rate.as_deref()
            .and_then(|r| e.check("tax_rate", |_| "invalid_tax_rate", TaxRate::parse(r)))
    });
    if payment_terms_days.is_some_and(|d| d > 365) {
        e.push(
            "payment_terms_days",
            "out_of_range",
            "must be from 0 to 365 days",
        );
    }
    e.into_result()?;
    Ok(AccountChanges {
        payment_method,
        billing_email,
        tax_rate,
        payment_terms_days,
    })
}
