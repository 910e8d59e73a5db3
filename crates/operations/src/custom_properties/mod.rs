//! Custom properties (seed 003): the library the management tenant keeps, and checking a
//! tenant's values against it when they are stored.

pub mod library;
pub mod values;
