//! How the library index is laid out on disk: a compact binary encoding
//! read in one go, rather than a line of JSON a record, because a second
//! start of a 100,000-pathway library spends most of its time reading the
//! index.
//!
//! ```text
//! header:  "carepath-index\n"  version u32  written u128  library (text)  chunks u32
//! chunk:   records u32  bytes u64  the records
//! record:  file (text)  size u64  mtime u128  hash [16]  summary
//! text:    length u32, UTF-8 bytes
//! ```
//!
//! Numbers are little-endian. Records come in chunks so that they are
//! decoded on every core. Decoding checks every length against what is
//! left and every text for UTF-8, and never trusts a count for an
//! allocation: a damaged index reads as no index, never as a crash. Enums
//! are written as their YAML names, so a change in their order cannot
//! change what an old index means.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use super::index::Record;
use super::summary::{Summary, Who};
use crate::model::{ParticipantKind, Status};

const MAGIC: &[u8] = b"carepath-index\n";

/// Records a chunk: enough that a chunk is worth a thread, few enough
/// that a large library has a chunk for every core.
const CHUNK: usize = 2048;

/// What the header of an index says.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub version: u32,
    /// When the index was written, nanoseconds since 1970.
    pub written: u128,
    /// The library folder it lists, as an absolute path.
    pub library: String,
}

/// Writes an index of `records` to `to`, a chunk at a time (so a large
/// index is never held whole in memory twice).
pub fn encode(
    to: &mut impl std::io::Write,
    header: &Header,
    records: &[Record],
) -> std::io::Result<()> {
    let mut out = Out(Vec::with_capacity(CHUNK * 600));
    out.0.extend_from_slice(MAGIC);
    out.u32(header.version);
    out.u128(header.written);
    out.text(&header.library);
    let chunks = records.chunks(CHUNK);
    out.u32(u32::try_from(chunks.len()).unwrap_or(u32::MAX));
    to.write_all(&out.0)?;
    let mut body = Out(Vec::with_capacity(CHUNK * 600));
    for chunk in chunks {
        body.0.clear();
        for r in chunk {
            body.record(r);
        }
        out.0.clear();
        out.u32(u32::try_from(chunk.len()).unwrap_or(u32::MAX));
        out.u64(body.0.len() as u64);
        to.write_all(&out.0)?;
        to.write_all(&body.0)?;
    }
    Ok(())
}

/// The header of an index, and where its chunks start; `None` when the
/// bytes are not an index.
pub fn header(bytes: &[u8]) -> Option<(Header, In<'_>)> {
    let mut input = In(bytes.strip_prefix(MAGIC)?);
    let header = Header {
        version: input.u32()?,
        written: input.u128()?,
        library: input.text()?.to_string(),
    };
    Some((header, input))
}

/// The records after the header, in order; `None` if any does not read.
pub fn records(mut input: In<'_>) -> Option<Vec<Record>> {
    let count = input.u32()?;
    let mut chunks = Vec::new();
    for _ in 0..count {
        let records = input.u32()?;
        let len = usize::try_from(input.u64()?).ok()?;
        chunks.push((records, In(input.take(len)?)));
    }
    if !input.0.is_empty() {
        return None;
    }
    let decoded: Option<Vec<Vec<Record>>> = chunks
        .into_par_iter()
        .map(|(n, mut chunk)| {
            let mut out = Vec::with_capacity((n as usize).min(chunk.0.len() / 40));
            for _ in 0..n {
                out.push(chunk.record()?);
            }
            chunk.0.is_empty().then_some(out)
        })
        .collect();
    Some(decoded?.into_iter().flatten().collect())
}

struct Out(Vec<u8>);

impl Out {
    fn u32(&mut self, n: u32) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    fn u64(&mut self, n: u64) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    fn u128(&mut self, n: u128) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }

    fn text(&mut self, s: &str) {
        self.u32(u32::try_from(s.len()).unwrap_or(u32::MAX));
        self.0.extend_from_slice(s.as_bytes());
    }

    fn optional(&mut self, s: Option<&str>) {
        match s {
            None => self.0.push(0),
            Some(s) => {
                self.0.push(1);
                self.text(s);
            }
        }
    }

    fn date(&mut self, d: NaiveDate) {
        self.u32(d.num_days_from_ce().cast_unsigned());
    }

    fn record(&mut self, r: &Record) {
        self.text(&r.file);
        self.u64(r.size);
        self.u128(r.mtime);
        self.0.extend_from_slice(&r.hash);
        let s = &r.summary;
        self.text(&s.id);
        self.text(&s.title);
        self.text(s.status.as_str());
        self.optional(s.place.as_deref());
        match s.review_due {
            None => self.0.push(0),
            Some(d) => {
                self.0.push(1);
                self.date(d);
            }
        }
        self.u32(u32::try_from(s.participants.len()).unwrap_or(u32::MAX));
        for w in &s.participants {
            self.text(&w.id);
            self.text(&w.name);
            self.text(w.kind.as_str());
        }
        self.optional(s.problem.as_deref());
        self.u32(s.signed);
        self.u32(s.signed_current);
        self.u32(s.open_questions);
        self.u32(u32::try_from(s.actions_due.len()).unwrap_or(u32::MAX));
        for d in &s.actions_due {
            self.date(*d);
        }
    }
}

/// Bytes still to decode.
pub struct In<'a>(&'a [u8]);

impl<'a> In<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.array::<1>()?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }

    fn u128(&mut self) -> Option<u128> {
        self.array().map(u128::from_le_bytes)
    }

    fn text(&mut self) -> Option<&'a str> {
        let len = usize::try_from(self.u32()?).ok()?;
        std::str::from_utf8(self.take(len)?).ok()
    }

    fn string(&mut self) -> Option<String> {
        self.text().map(str::to_string)
    }

    fn optional(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => self.string().map(Some),
            _ => None,
        }
    }

    fn date(&mut self) -> Option<NaiveDate> {
        NaiveDate::from_num_days_from_ce_opt(self.u32()?.cast_signed())
    }

    /// A count of items each at least `least` bytes long: never more
    /// than what is left could hold.
    fn count(&mut self, least: usize) -> Option<usize> {
        let n = usize::try_from(self.u32()?).ok()?;
        (n.saturating_mul(least) <= self.0.len()).then_some(n)
    }

    fn record(&mut self) -> Option<Record> {
        let file = self.string()?;
        let size = self.u64()?;
        let mtime = self.u128()?;
        let hash = self.array()?;
        let id = self.string()?;
        let title = self.string()?;
        let status = self.text()?;
        let status = Status::ALL.into_iter().find(|s| s.as_str() == status)?;
        let place = self.optional()?;
        let review_due = match self.u8()? {
            0 => None,
            1 => Some(self.date()?),
            _ => return None,
        };
        let n = self.count(12)?;
        let mut participants = Vec::with_capacity(n);
        for _ in 0..n {
            let id = self.string()?;
            let name = self.string()?;
            let kind = self.text()?;
            let kind = ParticipantKind::ALL
                .into_iter()
                .find(|k| k.as_str() == kind)?;
            participants.push(Who { id, name, kind });
        }
        let problem = self.optional()?;
        let signed = self.u32()?;
        let signed_current = self.u32()?;
        let open_questions = self.u32()?;
        let n = self.count(4)?;
        let mut actions_due = Vec::with_capacity(n);
        for _ in 0..n {
            actions_due.push(self.date()?);
        }
        Some(Record {
            file,
            size,
            mtime,
            hash,
            summary: Arc::new(Summary {
                id,
                title,
                status,
                place,
                review_due,
                participants,
                problem,
                signed,
                signed_current,
                open_questions,
                actions_due,
            }),
        })
    }
}
