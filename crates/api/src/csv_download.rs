//! A CSV file as a streamed download: the writer runs on a blocking thread and its bytes go
//! out in chunks as they come, so memory stays flat however many rows; a client that goes
//! away stops the writer (its next write fails with `BrokenPipe`).

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use std::io;

/// Bytes of CSV gathered before a chunk is sent.
const CHUNK: usize = 64 * 1024;

/// Answers `filename` as an attachment whose body `write` produces. An error `write`
/// reports after the answer started is logged and ends the download early.
pub fn stream<E: std::fmt::Display>(
    filename: &str,
    write: impl FnOnce(ChunkWriter) -> Result<(), E> + Send + 'static,
) -> HttpResponse {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Result<web::Bytes, io::Error>>(4);
    actix_web::rt::task::spawn_blocking(move || {
        let out = ChunkWriter {
            buf: Vec::with_capacity(CHUNK),
            tx: tx.clone(),
        };
        if let Err(err) = write(out) {
            tracing::error!(error = %err, "CSV download failed");
            let _ = tx.blocking_send(Err(io::Error::other("export failed")));
        }
    });
    let body = futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx));
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{filename}\""),
        ))
        .streaming(body)
}

type Sender = tokio::sync::mpsc::Sender<Result<web::Bytes, io::Error>>;

/// Gathers CSV bytes and sends them to the response in chunks; fails with `BrokenPipe`
/// once the client has gone.
pub struct ChunkWriter {
    buf: Vec<u8>,
    tx: Sender,
}

impl ChunkWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = web::Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))
    }
}

impl io::Write for ChunkWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}
