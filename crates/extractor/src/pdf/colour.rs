//! Just enough of the fill colour to tell white from ink: an area painted
//! white on the white paper is invisible (a word processor's white
//! paragraph shading under empty lines, a diagram label's background), and
//! its edges are no ruling a reader sees.

use lopdf::{Dictionary, Object};

use super::lexer::Operand;
use super::objects::Objects;

/// The kind of colour space the fill colour is given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Space {
    /// One component, 1 is white (DeviceGray, CalGray, a one-component ICC profile).
    Gray,
    /// Three components, all 1 is white.
    Rgb,
    /// Four components, all 0 is white (no ink).
    Cmyk,
    /// Tints of spot inks (Separation, DeviceN): all 0 is no ink.
    Ink,
    /// Anything else (Indexed, Lab, Pattern, unreadable): never white.
    #[default]
    Other,
}

/// The space a `cs` operand names, looked up in the resources' ColorSpace
/// dictionary when it is not a device space.
pub(crate) fn space_named(
    objs: &Objects<'_>,
    resources: Option<&Dictionary>,
    name: &[u8],
) -> Space {
    match name {
        b"DeviceGray" | b"G" => Space::Gray,
        b"DeviceRGB" | b"RGB" => Space::Rgb,
        b"DeviceCMYK" | b"CMYK" => Space::Cmyk,
        _ => resources
            .and_then(|res| objs.get_dict(res, b"ColorSpace"))
            .and_then(|spaces| objs.get(spaces, name))
            .map_or(Space::Other, |o| space_of(objs, o)),
    }
}

fn space_of(objs: &Objects<'_>, o: &Object) -> Space {
    match o {
        Object::Name(n) => match n.as_slice() {
            b"DeviceGray" => Space::Gray,
            b"DeviceRGB" => Space::Rgb,
            b"DeviceCMYK" => Space::Cmyk,
            _ => Space::Other,
        },
        Object::Array(a) => {
            let family = a.first().and_then(|f| match objs.resolve(f)? {
                Object::Name(n) => Some(n.as_slice()),
                _ => None,
            });
            match family {
                Some(b"CalGray") => Space::Gray,
                Some(b"CalRGB") => Space::Rgb,
                Some(b"Separation" | b"DeviceN") => Space::Ink,
                Some(b"ICCBased") => {
                    let n = a
                        .get(1)
                        .and_then(|s| objs.dict(s))
                        .and_then(|d| objs.get_num(d, b"N"))
                        .filter(|v| v.fract() == 0.0)
                        .map(|v| v as i64);
                    match n {
                        Some(1) => Space::Gray,
                        Some(3) => Space::Rgb,
                        Some(4) => Space::Cmyk,
                        _ => Space::Other,
                    }
                }
                _ => Space::Other,
            }
        }
        _ => Space::Other,
    }
}

/// Do the operands of `sc`/`scn` (or `g`, `rg`, `k` with their space) set
/// white in `space`?
pub(crate) fn is_white(space: Space, operands: &[Operand<'_>]) -> bool {
    let nums: Vec<f64> = operands.iter().filter_map(Operand::number).collect();
    if nums.is_empty() || nums.len() != operands.len() {
        // A pattern's name, or nothing: not a plain colour.
        return false;
    }
    let all = |f: fn(f64) -> bool| nums.iter().all(|&v| f(v));
    match space {
        Space::Gray => nums.len() == 1 && all(|v| v >= 0.995),
        Space::Rgb => nums.len() == 3 && all(|v| v >= 0.995),
        Space::Cmyk => nums.len() == 4 && all(|v| v <= 0.005),
        Space::Ink => all(|v| v <= 0.005),
        Space::Other => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(v: &[f64]) -> Vec<Operand<'static>> {
        v.iter().map(|&x| Operand::Number(x)).collect()
    }

    #[test]
    fn white_in_each_space() {
        assert!(is_white(Space::Gray, &nums(&[1.0])));
        assert!(!is_white(Space::Gray, &nums(&[0.98])));
        assert!(is_white(Space::Rgb, &nums(&[1.0, 1.0, 1.0])));
        assert!(!is_white(Space::Rgb, &nums(&[1.0, 1.0, 0.9])));
        assert!(is_white(Space::Cmyk, &nums(&[0.0, 0.0, 0.0, 0.0])));
        assert!(!is_white(Space::Cmyk, &nums(&[0.0, 0.0, 0.0, 1.0])));
        // A spot ink's full tint is ink, its zero tint paper.
        assert!(!is_white(Space::Ink, &nums(&[1.0])));
        assert!(is_white(Space::Ink, &nums(&[0.0])));
        assert!(!is_white(Space::Other, &nums(&[1.0])));
        // A pattern.
        assert!(!is_white(
            Space::Rgb,
            &[Operand::Name(std::borrow::Cow::Borrowed(b"P0"))]
        ));
    }
}
