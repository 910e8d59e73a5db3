//! The customers page's list of invoices (the rows are billing's: `billing::invoices`).

use super::{RecordFilter, RecordSort};
use crate::billing::invoices::InvoiceRow;
use crate::models::WithTenantName;
use crate::schema::tenants::dsl as t;
use crate::{AnyConnection, StoreError};
use diesel::prelude::*;
use landlord_domain::listing::{PageRequest, Sort};

scoped_list!(
    list_invoices,
    invoices,
    InvoiceRow,
    issued_at,
    amount_minor,
    number
);
