//! The licence the open data is published under: a setting (`open_data_license`, an SPDX-style
//! identifier), checked at start-up against the open licences a city is likely to choose, so the
//! data package can name it with its title and the address of its text.

use serde::Serialize;

/// An open licence for published data, as a Data Package's `licenses` entry spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub struct OpenDataLicense {
    /// SPDX identifier (the Data Package `name`).
    pub name: &'static str,
    pub title: &'static str,
    /// Where its text is (the Data Package `path`).
    pub path: &'static str,
}

/// The licences `open_data_license` may name.
pub const LICENSES: [OpenDataLicense; 6] = [
    OpenDataLicense {
        name: "CC-BY-4.0",
        title: "Creative Commons Attribution 4.0",
        path: "https://creativecommons.org/licenses/by/4.0/",
    },
    OpenDataLicense {
        name: "CC0-1.0",
        title: "Creative Commons Zero 1.0 (public domain dedication)",
        path: "https://creativecommons.org/publicdomain/zero/1.0/",
    },
    OpenDataLicense {
        name: "ODC-PDDL-1.0",
        title: "Open Data Commons Public Domain Dedication and License 1.0",
        path: "https://opendatacommons.org/licenses/pddl/1-0/",
    },
    OpenDataLicense {
        name: "ODC-By-1.0",
        title: "Open Data Commons Attribution License 1.0",
        path: "https://opendatacommons.org/licenses/by/1-0/",
    },
    OpenDataLicense {
        name: "ODbL-1.0",
        title: "Open Data Commons Open Database License 1.0",
        path: "https://opendatacommons.org/licenses/odbl/1-0/",
    },
    OpenDataLicense {
        name: "CC-BY-SA-4.0",
        title: "Creative Commons Attribution-ShareAlike 4.0",
        path: "https://creativecommons.org/licenses/by-sa/4.0/",
    },
];

/// The default: CC BY 4.0, which lets anyone reuse the figures for any purpose as long as they say
/// where they come from, so a reused figure keeps its link to the City's method notes (weighting,
/// intervals, suppression). It is the licence most open-data portals of US cities and the
/// Open Definition's examples use.
pub const DEFAULT_LICENSE: &str = "CC-BY-4.0";

/// A setting that names none of [`LICENSES`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "open_data_license “{0}” is not one of CC-BY-4.0, CC0-1.0, ODC-PDDL-1.0, ODC-By-1.0, ODbL-1.0, CC-BY-SA-4.0"
)]
pub struct UnknownLicense(pub String);

impl OpenDataLicense {
    /// The licence `id` names, whatever its case.
    pub fn from_id(id: &str) -> Result<OpenDataLicense, UnknownLicense> {
        LICENSES
            .into_iter()
            .find(|l| l.name.eq_ignore_ascii_case(id.trim()))
            .ok_or_else(|| UnknownLicense(id.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_cc_by() {
        assert_eq!(
            OpenDataLicense::from_id(DEFAULT_LICENSE).map(|l| l.name),
            Ok("CC-BY-4.0")
        );
    }

    #[test]
    fn ids_are_read_in_any_case_and_others_refused() {
        assert_eq!(
            OpenDataLicense::from_id(" odc-pddl-1.0").map(|l| l.name),
            Ok("ODC-PDDL-1.0")
        );
        assert!(OpenDataLicense::from_id("MIT").is_err());
    }
}
