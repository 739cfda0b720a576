//! Open311 GeoReport v2: the keys issued to client apps (`keys`), and service requests filed,
//! read and listed through the standard (`requests`). Requests are petitions: they are filed
//! through the same use case and routed, handled and answered like any other; what leaves
//! through Open311 is only what is public.

pub mod keys;
pub mod requests;
pub mod updates;
