// Pairing candidates: for basic/applied topics that end within a given
// number of months, the next-stage topics and the companies that match
// them, so an officer can plan the hand-on before a grant ends.
//
// A topic's end is attrs.end_date (YYYY, YYYY-MM or YYYY-MM-DD) when the
// record has it; otherwise its start `date` plus kDefaultTopicYears (AMED
// and KAKEN projects mostly run three years).  Which one was used is told
// per topic (`end_estimated`).
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "query/index_view.h"
#include "query/match.h"
#include "query/related.h"

namespace seedgraph {

inline constexpr int kDefaultTopicYears = 3;

struct PairingRequest {
  int months = 12;           // 1..60: topics ending within this many months
  std::string today;         // "YYYY-MM-DD"; empty: today in Japan (JST)
  size_t limit = 20;         // topics, 1..100
  size_t offset = 0;         // topics of the window passed over (a cursor's later page)
  size_t per_topic = 5;      // next-stage topics and companies each, 1..20
  // Only topics of these integrated projects / disease areas (vocabulary
  // codes: kInvalidArgument for another); a list is an OR, the two an AND.
  // Empty: every topic.
  std::vector<std::string> projects, disease_areas;
};

// Why a plan holds what it holds, so an empty one can say why: the topics
// of the selection (project, disease area, role) and what became of them.
struct PairingCounts {
  size_t topics = 0;        // basic/applied topics of medical research: the ones considered
  size_t in_window = 0;     // ... ending within the window (the plan lists up to `limit`)
  size_t ended_before = 0;  // ... that ended before the reference date
  size_t end_later = 0;     // ... that end after the window
  size_t no_end = 0;        // ... with no date to tell their end from
  size_t other_stage = 0;   // topics of the selection at another stage or none: not considered
};

struct PairingItem {
  Hit topic;
  std::string end_date;      // YYYY-MM-DD
  bool end_estimated = false;
  std::vector<RelatedHit> next_topics;     // later stage or next-stage programmes
  std::vector<MatchCandidate> companies;
};

// `counts`, when given, is filled for the whole selection (not cut at limit).
Result<std::vector<PairingItem>> PairingCandidates(IndexView& view, const Analyzer& analyzer,
                                                   const PairingRequest& request, PairingCounts* counts = nullptr);

// The reference date a pairing plan uses when the caller names none: today
// in Japan, unless the data ends before it (the demo's grants end in 2022),
// then the newest end date of the topics (of the request's projects and
// disease areas) less the window, so the plan shows the last topics to end
// instead of nothing.  `from_data` says which.
struct PairingReference {
  std::string date;
  bool from_data = false;
  std::string newest_end;  // of the visible basic/applied topics; "" if none
};
Result<PairingReference> DefaultPairingReference(IndexView& view, const PairingRequest& request);

std::string PairingJson(const std::vector<PairingItem>& items, const PairingReference& reference = {},
                        const PairingCounts* counts = nullptr);

}  // namespace seedgraph
