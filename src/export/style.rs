//! How the graph looks in every format: one fixed colour per top class and a node size by degree.
//!
//! The palette is Okabe and Ito's, which stays distinguishable under the common forms of colour
//! blindness (README.md shows it):
//!
//! | top class | colour |
//! |---|---|
//! | Organization 组织 | `#0072B2` blue |
//! | Person 人物 | `#E69F00` orange |
//! | Place 地点 | `#009E73` bluish green |
//! | Product 产品 | `#CC79A7` reddish purple |

use crate::model::Class;

/// The look of one top class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClassStyle {
    pub class: Class,
    pub rgb: (u8, u8, u8),
    pub hex: &'static str,
    /// The class's name for legends, in Chinese.
    pub zh: &'static str,
}

pub const PALETTE: [ClassStyle; 4] = [
    ClassStyle { class: Class::Organization, rgb: (0x00, 0x72, 0xB2), hex: "#0072B2", zh: "组织" },
    ClassStyle { class: Class::Person, rgb: (0xE6, 0x9F, 0x00), hex: "#E69F00", zh: "人物" },
    ClassStyle { class: Class::Place, rgb: (0x00, 0x9E, 0x73), hex: "#009E73", zh: "地点" },
    ClassStyle { class: Class::Product, rgb: (0xCC, 0x79, 0xA7), hex: "#CC79A7", zh: "产品" },
];

/// The style of an entity's top class (a finer class is taken to its top class).
pub fn class_style(class: Class) -> &'static ClassStyle {
    let top = class.top();
    PALETTE.iter().find(|s| s.class == top).unwrap_or(&PALETTE[0])
}

/// The index of a class's top class in `PALETTE`.
pub fn palette_index(class: Class) -> usize {
    let top = class.top();
    PALETTE.iter().position(|s| s.class == top).unwrap_or(0)
}

/// A text colour readable on the class's colour.
pub fn text_on(style: &ClassStyle) -> &'static str {
    let (r, g, b) = style.rgb;
    let luminance = 0.299 * r as f64 + 0.587 * g as f64 + 0.114 * b as f64;
    if luminance > 140.0 {
        "#111111"
    } else {
        "#ffffff"
    }
}

/// A node's size in layout units (GEXF `viz:size`, GraphML `size`): grows with the square root of
/// its degree, so hubs stand out without swallowing their neighbours.
pub fn node_size(degree: u32) -> f64 {
    8.0 + 4.0 * (degree as f64).sqrt()
}
