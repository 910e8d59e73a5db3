//! Notification mails through an outbox. A change that causes a mail queues it
//! ([`queue::queue`]) in its own transaction; the server's mail worker ([`worker::run_once`])
//! sends it later, over SMTP or into `.eml` files ([`transport::Mailer`]), with retries.
//! Templates are files per kind and language, plain text and HTML ([`templates`]).

mod list;
pub(crate) mod notices;
pub(crate) mod queue;
pub mod templates;
pub mod transport;
pub mod worker;

pub use list::list_for_tenant;
pub use transport::Mailer;
