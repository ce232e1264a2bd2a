// Company evidence, read per request: which companies a record names as a
// party (the patents a company applied for, the drugs it markets, the
// handovers licensed to it, the trials it sponsors), and which record stands
// for a company that several sources name (same_as partners: the EDINET
// 法人番号 record, the ROR record, the USPTO assignee, the MHLW maker).
//
// One company is one candidate: a same_as group of company records is
// answered under its canonical id (the 法人番号 record first, then ROR, then
// the id order), with every member's id and name, so that evidence spread
// over the sources counts once for the company.  Organizations
// (universities, hospitals, institutes, agencies) are never companies here.
//
// A CompanyBook caches what it has read for the length of one request (a
// pairing plan shares one over all its topics); it holds a Database
// reference and is not thread-safe (one per request, like the Database).
#pragma once

#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "query/index_view.h"
#include "query/access.h"
#include "query/search.h"

namespace seedgraph {

struct CompanyInfo {
  std::string canonical;             // the id answered for the group
  Hit hit;                           // the canonical record's id, type, title
  std::vector<std::string> members;  // every company id of the group (canonical first)
  std::vector<std::string> names;    // titles ja / en of the members, as written
  bool visible = false;              // the role may see the canonical record
};

// One evidence record of a company: a record that names it as a party.
struct EvidenceRecord {
  Xapian::docid did = 0;
  std::string id, type, rel, date, title;
};

class CompanyBook {
 public:
  explicit CompanyBook(IndexView& view) : db_(view.db()), role_(view.role()), remote_(view.remote()) {}

  // The canonical ids of the visible companies `did` names as a party
  // (applicant, marketed_by, licensed_to), each once, with the rel.
  struct Party {
    std::string company;  // canonical id
    std::string rel;
  };
  const std::vector<Party>& PartiesOf(Xapian::docid did);
  // The same with `did`'s document at hand (from an MSet, fetched).
  const std::vector<Party>& PartiesOf(Xapian::docid did, const Xapian::Document& doc);
  // Reads the companies these documents name, in one batch, so that the
  // lookups after it cost nothing (over remote shards a round trip per
  // batch, not per company and shard).
  void PrefetchParties(const std::vector<Xapian::Document>& docs);
  // True when the document names at least one visible company as a party.
  // By value, not docid: a MatchDecider over a combination of databases is
  // given each sub-database's own documents and docids.
  bool NamesVisibleCompany(const Xapian::Document& doc);

  // The group of a company id; nullptr when no visible company record has it.
  const CompanyInfo* Company(const std::string& id);
  // Reads the groups of these company ids not read yet, in one batch.
  void Prefetch(const std::vector<std::string>& ids);

  // The canonical ids of the visible companies whose industry (EDINET
  // 業種 keyword) is one of `industries`, each group once.
  const std::vector<std::string>& InIndustries(const std::set<std::string>& industries);

  // Records linking to any member of the group (how much the index knows of
  // the company).
  Xapian::doccount Activity(const CompanyInfo& company);
  // Activity of these companies, their term frequencies asked for at once.
  void PrefetchActivity(const std::vector<const CompanyInfo*>& companies);

 private:
  Xapian::Database& db_;
  Role role_;
  bool remote_;  // batch lookups (TermFreqs) for remote shards
  void CompaniesFrom(const std::vector<std::pair<std::string, StoredDoc>>& records);
  void AddGroup(const std::string& id, std::vector<std::pair<std::string, Record>>* group);

  std::unordered_map<Xapian::docid, std::vector<Party>> parties_;
  std::unordered_map<std::string, std::vector<std::string>> in_industries_;  // joined industries -> canonical ids
  std::unordered_map<std::string, std::string> canonical_of_;  // member id -> canonical ("" none)
  std::unordered_map<std::string, CompanyInfo> companies_;     // canonical id -> group
  std::unordered_map<std::string, Xapian::doccount> activity_;  // canonical id -> Activity
};

}  // namespace seedgraph
