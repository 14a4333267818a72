//! `theme_options.accent`: a site's brand colour for links and buttons, with the WCAG 2
//! contrast check that keeps the default theme readable (AA: 4.5:1 for body text).
//!
//! The light scheme uses the colour on white; the dark scheme uses `accent_dark` when
//! given, else the accent lightened until it reads on the dark background.

use serde::Serialize;

/// WCAG 2 AA minimum contrast for normal text.
pub const AA: f64 = 4.5;
/// The default theme's light surface, on which links and white button text sit.
pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
/// The default theme's dark-scheme page background and card surface (`--bg`, `--surface`).
pub const DARK_BACKGROUNDS: [Rgb; 2] = [Rgb(0x0f, 0x11, 0x15), Rgb(0x17, 0x1a, 0x21)];

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rgb` or `#rrggbb` (any case).
    pub fn parse(s: &str) -> Option<Rgb> {
        let hex = s.trim().strip_prefix('#')?;
        let digit = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
        match hex.len() {
            3 => Some(Rgb(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            6 => Some(Rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            _ => None,
        }
    }

    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG 2 relative luminance.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG 2 contrast ratio, 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// `t` of the way from `self` to `other` (0 gives `self`).
    pub fn mix(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }
}

/// How much of the dark accent tints `--accent-soft`, the background of the "New" badge and
/// the current navigation link, whose text is the accent itself.
const DARK_SOFT_TINT: f64 = 0.15;

/// The lowest contrast of `c` against the dark-scheme backgrounds, including its own soft tint.
pub fn dark_contrast(c: Rgb) -> f64 {
    let soft = DARK_BACKGROUNDS[1].mix(c, DARK_SOFT_TINT);
    DARK_BACKGROUNDS.iter().chain([&soft]).map(|&bg| c.contrast(bg)).fold(f64::INFINITY, f64::min)
}

/// The accent lightened in small steps until it reads on the dark backgrounds.
pub fn lighten_for_dark(c: Rgb) -> Rgb {
    (0..=20).map(|i| c.mix(WHITE, f64::from(i) * 0.05)).find(|&m| dark_contrast(m) >= AA).unwrap_or(WHITE)
}

/// The CSS colours the theme gets: `site.accent` in templates.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AccentView {
    pub light: String,
    pub light_hover: String,
    pub light_soft: String,
    pub dark: String,
    pub dark_hover: String,
    pub dark_soft: String,
}

/// A site's accent colours, as configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accent {
    pub light: Rgb,
    /// `accent_dark`, or the light colour made readable on dark.
    pub dark: Rgb,
}

impl Accent {
    pub fn new(light: Rgb, dark: Option<Rgb>) -> Accent {
        Accent { light, dark: dark.unwrap_or_else(|| lighten_for_dark(light)) }
    }

    /// The theme's variables: hover darker in light and lighter in dark, soft a pale tint.
    pub fn view(&self) -> AccentView {
        let black = Rgb(0, 0, 0);
        let dark_surface = DARK_BACKGROUNDS[1];
        AccentView {
            light: self.light.hex(),
            light_hover: self.light.mix(black, 0.25).hex(),
            light_soft: WHITE.mix(self.light, 0.08).hex(),
            dark: self.dark.hex(),
            dark_hover: self.dark.mix(WHITE, 0.3).hex(),
            dark_soft: dark_surface.mix(self.dark, DARK_SOFT_TINT).hex(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_short_and_long_hex() {
        assert_eq!(Rgb::parse("#0B6E4F"), Some(Rgb(0x0b, 0x6e, 0x4f)));
        assert_eq!(Rgb::parse("#fff"), Some(WHITE));
        assert_eq!(Rgb::parse("0b6e4f"), None);
        assert_eq!(Rgb::parse("#12345"), None);
        assert_eq!(Rgb::parse("#gggggg"), None);
    }

    #[test]
    fn contrast_matches_wcag_reference_values() {
        assert!((Rgb(0, 0, 0).contrast(WHITE) - 21.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1 borderline grey.
        let grey = Rgb(0x76, 0x76, 0x76).contrast(WHITE);
        assert!((grey - 4.54).abs() < 0.01, "{grey}");
    }

    #[test]
    fn derives_a_readable_dark_accent() {
        let a = Accent::new(Rgb::parse("#0b6e4f").unwrap(), None);
        assert!(a.light.contrast(WHITE) >= AA);
        assert!(dark_contrast(a.dark) >= AA, "{}", a.dark.hex());
        assert_ne!(a.dark, a.light);
    }

    #[test]
    fn dark_accent_reads_on_its_own_soft_tint() {
        // examples/careers' brown: lightened only against the page, it read at 3.77:1 on
        // the "New" badge's tinted background.
        let a = Accent::new(Rgb::parse("#8a4b1f").unwrap(), None);
        let soft = Rgb::parse(&a.view().dark_soft).unwrap();
        assert!(a.dark.contrast(soft) >= AA, "{} on {}", a.dark.hex(), soft.hex());
    }
}
