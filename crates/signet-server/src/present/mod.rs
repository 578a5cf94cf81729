//! Presentation every API family shares: how signet writes bytes, times
//! and labels, whichever wire format or page they end up in.
//!
//! | module | what |
//! |---|---|
//! | [`hex`] | byte strings as upper-case hex pairs split by spaces |
//! | [`dates`] | the time formats of the wire formats, each a `time` format description |
//! | [`time_zone`] | local time in an IANA time zone (the one use of jiff) |
//! | [`lang`] | which of signet's languages `Accept-Language` asks for |
//! | [`words`] | texts in Ukrainian, Russian and English, tables of them by key, and the key-usage names |
//!
//! Only the logic is shared here: what a vendor words its own way (Cipher
//! BIS's field descriptions, CryptoApi's CAdES names) stays in the
//! vendor's module.

pub mod dates;
pub mod hex;
pub mod lang;
pub mod time_zone;
pub mod words;

pub use self::hex::spaced_hex;
