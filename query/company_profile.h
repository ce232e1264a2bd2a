// A company's profile: what it does, from its evidence (the records that
// name it or any record of its same_as group): its patents by modality and
// disease area, its marketed drugs and their therapeutic classes, the trials
// it sponsors, the handovers licensed to it, each with counts and dates,
// and its parent and subsidiaries (ROR part_of links).
#pragma once

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "query/index_view.h"
#include "query/access.h"
#include "query/company_evidence.h"
#include "query/match.h"
#include "schema/status.h"

namespace seedgraph {

struct ProfileGroup {
  std::string type;  // patent, drug, trial, topic, ...
  size_t count = 0;
  std::string first_date, last_date;
  std::map<std::string, size_t> modalities, disease_areas;
  std::map<std::string, size_t> classes;  // drugs: 薬効分類 names
  std::vector<CitedRecord> recent;        // the newest few
};

struct CompanyProfile {
  CompanyInfo company;
  std::vector<ProfileGroup> groups;  // largest first
  std::vector<CitedRecord> parents, subsidiaries;
};

// kNotFound for an id that is no company the role may see.
Result<CompanyProfile> ProfileOf(IndexView& view, const std::string& id);

std::string CompanyProfileJson(const CompanyProfile& profile);

}  // namespace seedgraph
