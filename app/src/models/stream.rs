//! Where a source comes from, as one vocabulary for the whole product: the survey's audience, the
//! streams an analyst chooses for a run, the logged run's scope, the dashboard's stream filter and
//! the counts per stream in exports all use these names. An unknown name is an error, never
//! silently a resident.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::survey::Audience;

/// A stream of sources.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Stream {
    /// Residents' survey answers (the only weighted stream).
    #[default]
    Resident,
    /// Department leaders' answers.
    Department,
    /// Community-based organizations' answers.
    #[serde(rename = "community_org")]
    CommunityOrg,
    /// Partners' interview notes, counted by document.
    Notes,
    /// Imported resident reports (311), each its own source.
    Reports,
}

/// A stream name that is not one of [`Stream::ALL`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a stream (resident, department, community_org, notes or reports)")]
pub struct UnknownStream(pub String);

impl Stream {
    /// Every stream, in the order pages list them.
    pub const ALL: [Stream; 5] = [
        Stream::Resident,
        Stream::Department,
        Stream::CommunityOrg,
        Stream::Notes,
        Stream::Reports,
    ];

    /// The stored and exported name.
    pub fn as_str(self) -> &'static str {
        match self {
            Stream::Resident => "resident",
            Stream::Department => "department",
            Stream::CommunityOrg => "community_org",
            Stream::Notes => "notes",
            Stream::Reports => "reports",
        }
    }

    /// The name staff read.
    pub fn label(self) -> &'static str {
        match self {
            Stream::Resident => "Resident survey",
            Stream::Department => "Department leaders",
            Stream::CommunityOrg => "Community organizations",
            Stream::Notes => "Interview notes",
            Stream::Reports => "Resident reports (311)",
        }
    }

    /// Whether the stream holds survey responses (as opposed to notes or reports).
    pub fn is_survey(self) -> bool {
        self.audience().is_some()
    }

    /// The survey audience whose answers make this stream.
    pub fn audience(self) -> Option<Audience> {
        match self {
            Stream::Resident => Some(Audience::Resident),
            Stream::Department => Some(Audience::Department),
            Stream::CommunityOrg => Some(Audience::CommunityOrg),
            Stream::Notes | Stream::Reports => None,
        }
    }
}

impl From<Audience> for Stream {
    fn from(audience: Audience) -> Stream {
        match audience {
            Audience::Resident => Stream::Resident,
            Audience::Department => Stream::Department,
            Audience::CommunityOrg => Stream::CommunityOrg,
        }
    }
}

impl fmt::Display for Stream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Stream {
    type Err = UnknownStream;

    fn from_str(s: &str) -> Result<Stream, UnknownStream> {
        Stream::ALL
            .into_iter()
            .find(|stream| stream.as_str() == s)
            .ok_or_else(|| UnknownStream(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_text_and_json() {
        for stream in Stream::ALL {
            assert_eq!(stream.as_str().parse::<Stream>(), Ok(stream));
            let json = serde_json::to_string(&stream).unwrap_or_default();
            assert_eq!(json, format!("\"{stream}\""));
        }
    }

    #[test]
    fn an_unknown_stream_is_an_error_not_a_resident() {
        let err = "residents".parse::<Stream>().expect_err("unknown");
        assert!(err.to_string().contains("“residents”"), "{err}");
        assert!(serde_json::from_str::<Stream>("\"311\"").is_err());
    }

    #[test]
    fn survey_streams_are_the_audiences() {
        for stream in Stream::ALL {
            assert_eq!(
                stream.audience().map(Stream::from),
                stream.is_survey().then_some(stream)
            );
        }
    }
}
