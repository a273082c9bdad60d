/** A keyset iterator: the last id of the page before, or `-<id>` for the page after. */
export const ITERATOR_PATTERN = /^-?(msg|atmpt)_[0-9A-HJKMNP-TV-Z]{26}$/;
