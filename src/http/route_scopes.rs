//! The route table registered as one `web::scope` per path prefix (`/api/v1/petitions`, …), so a
//! request is matched against its own capability's resources only.
//!
//! actix-web tries an app's services in order, and every resource with a `{parameter}` is tried
//! by a regular expression: flat, a request for the public status page ran some eighty of them
//! before its own (a tenth of the page's CPU in the proof's profile). A scope's prefix is a plain
//! string comparison on segment boundaries; inside it, the table's order is kept, so a literal
//! segment listed before a `{parameter}` still wins.

use actix_web::{Resource, web};

/// Leading literal segments that make a scope: `/api/v1/<capability>`.
const SCOPE_SEGMENTS: usize = 3;

#[derive(Default)]
pub struct RouteScopes {
    /// Each prefix with its resources, in the order the table first names them.
    scopes: Vec<(&'static str, Vec<Resource>)>,
}

impl RouteScopes {
    /// The resource for `path`, made relative to its scope's prefix.
    pub fn resource(path: &'static str) -> Resource {
        web::resource(&path[prefix_of(path).len()..])
    }

    pub fn add(&mut self, path: &'static str, resource: Resource) {
        let prefix = prefix_of(path);
        match self.scopes.iter_mut().find(|(known, _)| *known == prefix) {
            Some((_, resources)) => resources.push(resource),
            None => self.scopes.push((prefix, vec![resource])),
        }
    }

    pub fn register(self, config: &mut web::ServiceConfig) {
        for (prefix, resources) in self.scopes {
            config.service(resources.into_iter().fold(web::scope(prefix), actix_web::Scope::service));
        }
    }
}

/// Up to `SCOPE_SEGMENTS` leading segments of `path` with no `{parameter}` in them.
fn prefix_of(path: &str) -> &str {
    let mut end = 0;
    for (taken, segment) in path.split('/').skip(1).enumerate() {
        if taken == SCOPE_SEGMENTS || segment.contains('{') {
            break;
        }
        end += 1 + segment.len();
    }
    &path[..end]
}

#[cfg(test)]
mod tests {
    use super::prefix_of;

    #[test]
    fn a_scope_is_the_first_three_literal_segments() {
        assert_eq!(prefix_of("/api/v1/public/petitions/{tracking_code}"), "/api/v1/public");
        assert_eq!(prefix_of("/api/v1/petitions"), "/api/v1/petitions");
        assert_eq!(prefix_of("/health/live"), "/health/live");
        assert_eq!(prefix_of("/api/{version}/x"), "/api");
    }
}
