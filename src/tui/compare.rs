//! The comparison as others read it too (the meeting, the minutes,
//! linking): the alignment of two participants and the matrix of every
//! one, in the library's vocabulary. The screen itself is
//! [`super::screen::base`]'s `compare`.

use super::app::CompareState;
use crate::compare::{Alignment, Matrix, Rejections, Synonyms, align_in, matrix_in};
use crate::model::Pathway;

/// The alignment the screen shows, in the library's vocabulary.
pub fn alignment(
    p: &Pathway,
    state: &CompareState,
    (rejected, synonyms): (&Rejections, &Synonyms),
) -> Option<Alignment> {
    align_in(p, &state.a, &state.b, rejected, synonyms).ok()
}

/// The matrix the screen shows, in the library's vocabulary.
pub fn all(p: &Pathway, (rejected, synonyms): (&Rejections, &Synonyms)) -> Matrix {
    matrix_in(p, rejected, synonyms)
}

/// `c`: opens the comparison (a key of the pathway's).
pub use super::screen::base::compare::open;
