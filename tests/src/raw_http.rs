//! HTTP/1.1 by hand over a TCP socket, for what a client library hides: announcing a body
//! larger than the one sent, and reading the answer while the body is still going out. Tests
//! use it to show that the server answers without reading (all of) a body.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The status and the header block of an answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub head: String,
}

/// How the body's length is told.
#[derive(Clone, Copy, Debug)]
pub enum Length {
    /// `Content-Length`, which may announce more than is sent.
    Declared(u64),
    /// `Transfer-Encoding: chunked`: no length up front.
    Chunked,
}

/// Sends a POST to `path`, then writes `body` (which may be shorter than announced) in 64 KiB
/// pieces while reading the answer, and returns the answer's status line and headers. Fails
/// after 20 s without an answer: a server that waits for the rest of the body never answers.
pub async fn post(
    address: &str,
    path: &str,
    headers: &[(&str, String)],
    length: Length,
    body: Vec<u8>,
) -> Answer {
    let authority = address.trim_start_matches("http://");
    let stream = TcpStream::connect(authority)
        .await
        .expect("the server accepts the connection");
    let (mut reader, mut writer) = stream.into_split();
    let framing = match length {
        Length::Declared(n) => format!("Content-Length: {n}"),
        Length::Chunked => "Transfer-Encoding: chunked".to_string(),
    };
    let mut head =
        format!("POST {path} HTTP/1.1\r\nHost: {authority}\r\nOrigin: {address}\r\n{framing}\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let sending = tokio::spawn(async move {
        // The server may close the connection mid-body once it has answered; that is the point.
        if writer.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        for piece in body.chunks(64 * 1024) {
            let framed = match length {
                Length::Declared(_) => piece.to_vec(),
                Length::Chunked => {
                    let mut framed = format!("{:x}\r\n", piece.len()).into_bytes();
                    framed.extend_from_slice(piece);
                    framed.extend_from_slice(b"\r\n");
                    framed
                }
            };
            if writer.write_all(&framed).await.is_err() {
                return;
            }
        }
        if matches!(length, Length::Chunked) && writer.write_all(b"0\r\n\r\n").await.is_err() {
            return;
        }
        let _ = writer.flush().await;
        // Keep the connection open without sending the rest of what was announced.
        tokio::time::sleep(Duration::from_secs(30)).await;
    });
    let answer = tokio::time::timeout(Duration::from_secs(20), read_head(&mut reader))
        .await
        .expect("the server answers without waiting for the rest of the body");
    sending.abort();
    answer
}

async fn read_head(reader: &mut tokio::net::tcp::OwnedReadHalf) -> Answer {
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    while !received.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = reader
            .read(&mut buffer)
            .await
            .expect("the answer can be read");
        assert!(n > 0, "the server closed the connection without answering");
        received.extend_from_slice(&buffer[..n]);
    }
    let head = String::from_utf8_lossy(&received).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("the answer starts with a status line");
    Answer { status, head }
}

/// A multipart body with the fields the cases page sends (`study_id`, then `file`), where the
/// file part holds `file_len` bytes of filler; returns the body and its boundary.
pub fn zip_upload(study_id: i64, file_len: usize) -> (Vec<u8>, String) {
    let boundary = "lector-test-boundary".to_string();
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"study_id\"\r\n\r\n{study_id}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cases.zip\"\r\n\
         Content-Type: application/zip\r\n\r\n"
    )
    .into_bytes();
    body.extend(std::iter::repeat_n(b'x', file_len));
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (body, boundary)
}
