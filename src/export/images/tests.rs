// Unit tests, compiled only under #[cfg(test)] (declared so in the parent module).

use super::*;
