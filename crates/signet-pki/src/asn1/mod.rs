//! ASN.1 types that more than one part of the PKI layer reads and writes,
//! on `der`, where `der`'s own types do not fit.
//!
//! - [`Boolean`], [`IntegerOctets`], [`small_uint`]: BOOLEAN and INTEGER
//!   as BER reads them, for serial numbers and enumerations;
//! - [`time`]: UTCTime, GeneralizedTime and `Time`, for certificates'
//!   neighbours (CRLs, OCSP responses, CMS signing-time, RFC 3161 genTime,
//!   CAdES references).

mod primitive;
pub mod time;

pub use primitive::{Boolean, IntegerOctets, small_uint, small_uint_bytes};
