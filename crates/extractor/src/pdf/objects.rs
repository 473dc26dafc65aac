//! Read-only access to a document's object graph that cannot loop or blow
//! up: references are followed to a bounded depth, streams decompressed up
//! to a size limit.

use std::borrow::Cow;

use lopdf::{Dictionary, Document as PdfDoc, Object, ObjectId, Stream};

use super::filters;
use super::lazy::LazyStore;

/// Where objects come from: the lazy store, or a document lopdf loaded
/// whole (damaged and encrypted files).
pub(crate) trait ObjectSource {
    fn object(&self, id: ObjectId) -> Option<&Object>;
}

impl ObjectSource for PdfDoc {
    fn object(&self, id: ObjectId) -> Option<&Object> {
        self.objects.get(&id)
    }
}

impl ObjectSource for LazyStore<'_> {
    fn object(&self, id: ObjectId) -> Option<&Object> {
        self.get(id)
    }
}

#[derive(Clone, Copy)]
pub(crate) struct Objects<'a> {
    /// The objects (a `&lopdf::Document` coerces to this).
    pub doc: &'a dyn ObjectSource,
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
    /// The object `id` itself (not followed if it is a reference).
    pub fn object(&self, id: ObjectId) -> Option<&'a Object> {
        self.doc.object(id)
    }

    /// Follows references; `None` for missing objects and over-long chains.
    pub fn resolve(&self, mut o: &'a Object) -> Option<&'a Object> {
        for _ in 0..=self.max_depth {
            match o {
                Object::Reference(id) => o = self.doc.object(*id)?,
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
    ///
    /// Flate, ASCIIHex, ASCII85 and RunLength are decoded here: the limit
    /// then holds while inflating (a small bomb cannot take gigabytes
    /// first), a damaged stream keeps what decoded before the damage (as
    /// poppler does), and the ASCII filters lopdf 0.42 lacks are covered.
    /// Other filters (LZW, predictors) go through lopdf.
    pub fn content(&self, s: &Stream) -> (Vec<u8>, Option<StreamProblem>) {
        let filters: Vec<Vec<u8>> = match s.dict.get(b"Filter").ok().and_then(|f| self.resolve(f)) {
            None => Vec::new(),
            Some(Object::Name(n)) => vec![n.clone()],
            Some(Object::Array(a)) => a
                .iter()
                .filter_map(|o| match self.resolve(o) {
                    Some(Object::Name(n)) => Some(n.clone()),
                    _ => None,
                })
                .collect(),
            Some(_) => Vec::new(),
        };
        let limit = self.max_stream_bytes;
        let has_params = s.dict.has(b"DecodeParms") || s.dict.has(b"DP");
        // Borrowed until a filter produces new bytes: the usual single Flate
        // stream is then never copied.
        let mut data: Cow<'_, [u8]> = Cow::Borrowed(&s.content);
        let mut problem = None;
        for (i, filter) in filters.iter().enumerate() {
            let step = match filter.as_slice() {
                b"FlateDecode" | b"Fl" if !has_params => filters::inflate(&data, limit),
                b"ASCIIHexDecode" | b"AHx" => (filters::ascii_hex(&data), None),
                b"ASCII85Decode" | b"A85" => filters::ascii85(&data),
                b"RunLengthDecode" | b"RL" => filters::run_length(&data, limit),
                // Image codecs: the data is pixels, nothing to read here.
                b"DCTDecode" | b"DCT" | b"JPXDecode" | b"JBIG2Decode" | b"CCITTFaxDecode"
                | b"CCF" => return (Vec::new(), None),
                _ => {
                    // The rest of the chain through lopdf, which needs the
                    // encoded size bounded instead.
                    if data.len() > limit {
                        return (Vec::new(), Some(StreamProblem::TooLarge));
                    }
                    let mut rest = s.dict.clone();
                    let names: Vec<Object> = filters
                        .get(i..)
                        .unwrap_or_default()
                        .iter()
                        .map(|n| Object::Name(n.clone()))
                        .collect();
                    rest.set("Filter", Object::Array(names));
                    return match Stream::new(rest, data.into_owned()).decompressed_content() {
                        Ok(mut out) => {
                            if out.len() > limit {
                                out.truncate(limit);
                                (out, Some(StreamProblem::TooLarge))
                            } else {
                                (out, problem)
                            }
                        }
                        Err(_) => (Vec::new(), Some(StreamProblem::Damaged)),
                    };
                }
            };
            data = Cow::Owned(step.0);
            problem = problem.or(step.1);
        }
        let mut data = data.into_owned();
        if data.len() > limit {
            data.truncate(limit);
            return (data, Some(StreamProblem::TooLarge));
        }
        (data, problem)
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
