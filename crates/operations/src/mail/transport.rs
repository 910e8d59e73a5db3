//! Where mails go: an SMTP server (`LANDLORD_SMTP_URL`), or, without one, `.eml` files in
//! the data directory, so a first run shows what would be sent.

use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::time::Duration;

/// How long one SMTP exchange may take before it counts as failed; below the claim's lease.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// What the worker needs to send: the transport, the sender, and the public URL links start
/// with.
#[derive(Clone)]
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    public_url: String,
}

#[derive(Clone)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

/// Why an attempt failed, and whether trying again may help.
#[derive(Debug, Clone)]
pub struct SendError {
    pub message: String,
    pub permanent: bool,
}

impl Mailer {
    /// With `smtp_url` (`smtp://user:pass@host:587`: STARTTLS, required unless the host is
    /// loopback or the URL says `?tls=…`; `smtps://` for TLS from the start) mails go to
    /// that server; without, into `<data_dir>/mail/` as `.eml` files.
    pub fn new(
        smtp_url: Option<&str>,
        from: &str,
        public_url: &str,
        data_dir: PathBuf,
    ) -> Result<Self, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("LANDLORD_MAIL_FROM {from:?} is not a mail address: {e}"))?;
        let transport = match smtp_url.filter(|u| !u.trim().is_empty()) {
            Some(url) => {
                let url = with_starttls_default(url);
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&url)
                    .map_err(|e| format!("LANDLORD_SMTP_URL is not usable: {e}"))?
                    .timeout(Some(TIMEOUT))
                    .build();
                Transport::Smtp(transport)
            }
            None => Transport::Files(data_dir.join("mail")),
        };
        Ok(Self {
            transport,
            from,
            public_url: public_url.trim_end_matches('/').to_owned(),
        })
    }

    /// Where mails go, for the log.
    pub fn describe(&self) -> String {
        match &self.transport {
            Transport::Smtp(_) => "SMTP (LANDLORD_SMTP_URL)".to_owned(),
            Transport::Files(dir) => format!(".eml files in {}", dir.display()),
        }
    }

    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// Sends one message; answers where it went (the file, for files).
    pub async fn send(
        &self,
        id: i64,
        to: &str,
        subject: &str,
        text: String,
        html: String,
    ) -> Result<Option<PathBuf>, SendError> {
        let permanent = |message: String| SendError {
            message,
            permanent: true,
        };
        let to: Mailbox = to
            .parse()
            .map_err(|e| permanent(format!("the recipient is not a mail address: {e}")))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .multipart(MultiPart::alternative_plain_html(text, html))
            .map_err(|e| permanent(format!("the message cannot be built: {e}")))?;
        match &self.transport {
            Transport::Smtp(smtp) => match smtp.send(message).await {
                Ok(_) => Ok(None),
                Err(err) => Err(SendError {
                    message: smtp_error(&err),
                    permanent: err.is_permanent(),
                }),
            },
            Transport::Files(dir) => {
                let path = dir.join(format!("{id:08}.eml"));
                let written = std::fs::create_dir_all(dir)
                    .and_then(|()| std::fs::write(&path, message.formatted()));
                match written {
                    Ok(()) => Ok(Some(path)),
                    Err(err) => Err(SendError {
                        message: format!("writing {}: {err}", path.display()),
                        permanent: false,
                    }),
                }
            }
        }
    }
}

/// The error with its causes, as one line (lettre's own message omits the cause).
fn smtp_error(err: &lettre::transport::smtp::Error) -> String {
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

/// `smtp://` URLs to other hosts than loopback require STARTTLS unless they say otherwise:
/// credentials must not cross a network in clear.
fn with_starttls_default(url: &str) -> String {
    let Some(rest) = url.strip_prefix("smtp://") else {
        return url.to_owned();
    };
    if url.contains("tls=") {
        return url.to_owned();
    }
    let authority = rest.split(['/', '?']).next().unwrap_or(rest);
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(v6),
        None => host_port.split(':').next().unwrap_or(host_port),
    };
    let loopback = host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if loopback {
        return url.to_owned();
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}tls=required")
}

#[cfg(test)]
mod tests {
    use super::with_starttls_default;

    #[test]
    fn remote_smtp_requires_starttls_and_loopback_may_go_plain() {
        assert_eq!(
            with_starttls_default("smtp://u:p@mail.example.com:587"),
            "smtp://u:p@mail.example.com:587?tls=required"
        );
        assert_eq!(
            with_starttls_default("smtp://127.0.0.1:2525"),
            "smtp://127.0.0.1:2525"
        );
        assert_eq!(
            with_starttls_default("smtp://localhost:25"),
            "smtp://localhost:25"
        );
        assert_eq!(
            with_starttls_default("smtp://mail.example.com?tls=opportunistic"),
            "smtp://mail.example.com?tls=opportunistic"
        );
        assert_eq!(
            with_starttls_default("smtps://mail.example.com"),
            "smtps://mail.example.com"
        );
    }
}
