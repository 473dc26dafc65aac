//! Read-only access to a document's object graph that cannot loop or blow
//! up: references are followed to a bounded depth, streams decompressed up
//! to a size limit.

use std::io::Read;

use lopdf::{Dictionary, Document as PdfDoc, Object, ObjectId, Stream};

#[derive(Clone, Copy)]
pub(crate) struct Objects<'a> {
    pub doc: &'a PdfDoc,
    /// Longest chain of references followed.
    pub max_depth: u32,
    /// Largest decompressed stream, in bytes.
    pub max_stream_bytes: usize,
}

/// A number object as f64 (integers and reals alike).
pub(crate) fn num(o: &Object) -> Option<f64> {
    let v = match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => f64::from(*r),
        _ => return None,
    };
    v.is_finite().then_some(v)
}

/// Why a stream's content could not be read in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StreamProblem {
    /// Larger than the limit; cut there.
    TooLarge,
    /// A filter failed part-way; what came before is kept.
    Damaged,
}

impl<'a> Objects<'a> {
    /// Follows references; `None` for missing objects and over-long chains.
    pub fn resolve(&self, mut o: &'a Object) -> Option<&'a Object> {
        for _ in 0..=self.max_depth {
            match o {
                Object::Reference(id) => o = self.doc.objects.get(id)?,
                other => return Some(other),
            }
        }
        None
    }

    /// The object id a value refers to, when it is a reference.
    pub fn id_of(&self, o: &Object) -> Option<ObjectId> {
        match o {
            Object::Reference(id) => Some(*id),
            _ => None,
        }
    }

    pub fn get(&self, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
        d.get(key).ok().and_then(|o| self.resolve(o))
    }

    /// A dictionary, or the dictionary of a stream.
    pub fn dict(&self, o: &'a Object) -> Option<&'a Dictionary> {
        match self.resolve(o)? {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }

    pub fn get_dict(&self, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
        d.get(key).ok().and_then(|o| self.dict(o))
    }

    pub fn get_stream(&self, d: &'a Dictionary, key: &[u8]) -> Option<&'a Stream> {
        match self.get(d, key)? {
            Object::Stream(s) => Some(s),
            _ => None,
        }
    }

    pub fn get_num(&self, d: &'a Dictionary, key: &[u8]) -> Option<f64> {
        self.get(d, key).and_then(num)
    }

    pub fn get_name(&self, d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
        match self.get(d, key)? {
            Object::Name(n) => Some(n),
            _ => None,
        }
    }

    pub fn get_array(&self, d: &'a Dictionary, key: &[u8]) -> Option<&'a [Object]> {
        match self.get(d, key)? {
            Object::Array(a) => Some(a),
            _ => None,
        }
    }

    /// Numbers of an array (non-numbers skipped).
    pub fn numbers(&self, a: &'a [Object]) -> Vec<f64> {
        a.iter()
            .filter_map(|o| self.resolve(o).and_then(num))
            .collect()
    }

    /// A stream's decoded content, cut at the size limit.
    pub fn content(&self, s: &Stream) -> (Vec<u8>, Option<StreamProblem>) {
        let filters: Vec<&[u8]> = match s.dict.get(b"Filter").ok().and_then(|f| self.resolve(f)) {
            None => Vec::new(),
            Some(Object::Name(n)) => vec![n.as_slice()],
            Some(Object::Array(a)) => a
                .iter()
                .filter_map(|o| match self.resolve(o) {
                    Some(Object::Name(n)) => Some(n.as_slice()),
                    _ => None,
                })
                .collect(),
            Some(_) => Vec::new(),
        };
        let limit = self.max_stream_bytes;
        if filters.is_empty() {
            let mut data = s.content.clone();
            if data.len() > limit {
                data.truncate(limit);
                return (data, Some(StreamProblem::TooLarge));
            }
            return (data, None);
        }
        let has_params = s.dict.has(b"DecodeParms") || s.dict.has(b"DP");
        if filters == [b"FlateDecode".as_slice()] && !has_params {
            // The common case, decoded here so the limit holds while
            // inflating (a small bomb cannot take gigabytes first) and a
            // damaged stream keeps what inflated before the damage.
            let mut out = Vec::new();
            let decoder = flate2::read::ZlibDecoder::new(s.content.as_slice());
            let read = decoder.take(limit as u64 + 1).read_to_end(&mut out);
            if out.len() > limit {
                out.truncate(limit);
                return (out, Some(StreamProblem::TooLarge));
            }
            return match read {
                Ok(_) => (out, None),
                Err(_) if out.is_empty() => {
                    // Some producers write raw deflate without the zlib header.
                    let mut raw = Vec::new();
                    let r = flate2::read::DeflateDecoder::new(s.content.as_slice())
                        .take(limit as u64)
                        .read_to_end(&mut raw);
                    let problem = r.is_err().then_some(StreamProblem::Damaged);
                    (raw, problem)
                }
                Err(_) => (out, Some(StreamProblem::Damaged)),
            };
        }
        if s.content.len() > limit {
            return (Vec::new(), Some(StreamProblem::TooLarge));
        }
        match s.decompressed_content() {
            Ok(mut data) => {
                if data.len() > limit {
                    data.truncate(limit);
                    return (data, Some(StreamProblem::TooLarge));
                }
                (data, None)
            }
            Err(_) => (Vec::new(), Some(StreamProblem::Damaged)),
        }
    }

    /// A value inherited through the page tree (`/Resources`, `/MediaBox`, …).
    pub fn inherited(&self, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
        let mut node = page;
        for _ in 0..64 {
            if let Some(v) = self.get(node, key) {
                return Some(v);
            }
            node = self.get_dict(node, b"Parent")?;
        }
        None
    }
}
