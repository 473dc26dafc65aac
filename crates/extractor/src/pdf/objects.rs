//! Read-only access to a document's object graph that cannot loop or blow
//! up: references are followed to a bounded depth, streams decompressed up
//! to a size limit.

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
    /// Every filter is decoded by skjema ([`filters::decode_chain`]): the
    /// limit then holds while decoding (a small bomb cannot take gigabytes
    /// first), a damaged stream keeps what decoded before the damage (as
    /// poppler does), and image codecs give no bytes.
    pub fn content(&self, s: &Stream) -> (Vec<u8>, Option<StreamProblem>) {
        let chain = filters::chain_of(&s.dict, &|o| self.resolve_short(o));
        filters::decode_chain(&s.content, &chain, self.max_stream_bytes)
    }

    /// [`Objects::resolve`] for a value that may live shorter than the
    /// document (a stream's dictionary handed in from elsewhere).
    pub fn resolve_short<'o>(&self, o: &'o Object) -> Option<&'o Object>
    where
        'a: 'o,
    {
        match o {
            Object::Reference(id) => self
                .object(*id)
                .and_then(|r| self.resolve(r))
                .map(|r| -> &'o Object { r }),
            other => Some(other),
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
