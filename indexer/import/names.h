// The one name normaliser every importer uses for people and organizations.
//
// CONTRACT §1: "People and organizations get ids from their normalised names
// unless an identifier (ORCID, 法人番号, ROR) is known."  The same person seen
// by PubMed ("Kinzler", "Kenneth W"), Pap2Pat ("Kenneth W. Kinzler",
// "Kenneth Kinzler") and NBDC ("Kinzler, Kenneth") must get the same id, so
// the rules live here, once:
//
// - Text: ICU NFKC_Casefold (width, case, ㈱ -> (株)), accents dropped from
//   Latin letters (Müller = Muller; kana voicing marks are kept), dots and
//   white space collapsed.
// - People: "Last, First" and "First Last" give the same key
//   "family_given"; nobiliary particles stay with the family name
//   ("van der Berg"); suffixes (Jr., III, PhD) are dropped; of the given
//   names only the first is kept, so middle initials do not split a person
//   ("Kenneth W." = "Kenneth").  A given name that is only initials keys as
//   its first initial ("kinzler_k"): never merged with "kinzler_kenneth",
//   because that merge needs corroboration the normaliser cannot see.
//   Names in Han/kana script are family-first already: the key is the name
//   without spaces (山田 太郎 = 山田太郎).
// - Organizations: legal forms are removed wherever they stand
//   (株式会社, (株), 国立大学法人, Co., Ltd., Inc., Corporation ...), a
//   leading "The" and common abbreviations are expanded (Univ. ->
//   university; FDA's PHARMS, LABS, HLTHCARE, INDS ...), so
//   株式会社エスアールエル = (株)エスアールエル = ｴｽｱｰﾙｴﾙ.  "Pharmaceuticals"
//   keys as "pharmaceutical", and a trailing US / USA / America (a US
//   subsidiary named after its parent) is dropped: TAKEDA PHARMS USA =
//   Takeda Pharmaceutical Company Limited.
//
// Keys never contain spaces (ids may not), are at most ~200 bytes, and are
// empty when the input holds no letter or digit.
#pragma once

#include <string>
#include <string_view>

namespace seedgraph {

// NFKC_Casefold, Latin accents removed, white space collapsed and trimmed.
std::string NormaliseName(std::string_view text);
// ASCII letters lower-cased, all else as it is.
std::string LowerAscii(std::string s);

// The key of a person written as one string ("First Last" or "Last, First").
std::string PersonKey(std::string_view name);
// The key of a person given as family and given names (PubMed's LastName and
// ForeName).  Equal to PersonKey("given family") for the same person.
std::string PersonKeyParts(std::string_view family, std::string_view given);

// Whether two person keys may name the same person: the same family name
// and the same first given name, or one given name the initial of the other
// ("kinzler_k" ~ "kinzler_kenneth").  Keys without a given part (Han/kana
// names, a lone family name) are compatible only when equal.  Compatible is
// not the same: indexer/resolve.h links such people only with corroboration.
bool PersonKeysCompatible(std::string_view a, std::string_view b);

// The key of an organization or company name.
std::string OrganizationKey(std::string_view name);

// Whether an organization name names a company rather than a university,
// hospital, institute, foundation or public body, judged by its words alone
// (for sources that say nothing else, such as USPTO assignees):
// - University (Univ), College, School, Hospital, Foundation, Academy, Army,
//   Ministry, Agency, Government, Regents, Trustees, École, 大学, 病院, 財団 ...
//   (and the Spanish, Portuguese, Italian, French, German, Dutch and Norwegian
//   words for them: Universidad, Hôpitaux, Fundació, Stichting, Helse ...),
//   public bodies and non-profits (NHS, VA, IRCCS, UMC, Municipality, County,
//   Region, Office of, Commission, Trust, Fund, Initiative, Consortium, e.V.,
//   ONLUS) always make an organization (The General Hospital Corporation);
// - Institute (not Institutional), Laboratory, Center(s), Centro, Clinic,
//   Council, Department, Organisation, Health System, CHU, 研究所, 機構, センター,
//   法人 make one unless a commercial legal form
//   is there too (Co., Ltd., Limited, GmbH, AG, S.A., K.K., 株式会社, (株), 公司):
//   Semiconductor Energy Laboratory Co., Ltd. is a company; Inc., Corp. and
//   LLC do not count, as US non-profits are incorporated too (Broad Institute, Inc.);
// - anything else is a company (Pfizer Inc., L'OREAL, ModernaTX).
bool IsCompanyName(std::string_view name);

// Whether a name shows that it is a company's: IsCompanyName() and a
// commercial legal form (Co., Ltd., GmbH, K.K., 株式会社, Inc., LLC, Corp.,
// plc, Sdn Bhd ...) or a trade word (Pharma, Farmaceutici, Therapeutics,
// Biotech, Biosciences, Biologics, Laboratories, Vaccines, ...ceuticals),
// or a name of one word that is not an acronym of five capitals or fewer
// (Pfizer, AstraZeneca, Vaxart: a list normalised by hand writes big firms
// so; a person's name has two words or more; AMED, NIAID are bodies).
// For sources whose party lists mix firms, bodies and people with nothing
// to tell them apart (trial sponsors: "Vaxart", "Alan Bryce", "Epworth
// HealthCare"): a name without such a mark is an organization there, never
// a handover candidate.  Known misses: one-word bodies ("ZonMw") count as
// firms, firms written without a form ("Gilead Sciences", "Eli Lilly") as
// organizations.
bool HasCompanyMark(std::string_view name);

// Whether a name given where an organization is expected (a trial's
// sponsor, a patent's applicant) is a person's: a title before it
// ("Dr. Sandra E Black", "Prof. Dr. Dieter Willbold") or a degree after the
// first word ("Jeff Burns, MD", "Michal Schnaider Beeri, Ph.D.", "Jian
// Pei,MD"), and no word of an organization or company (Dr. Phillips Center,
// Dr. Reddy's Laboratories Ltd., MD Anderson Cancer Center, MD Stem Cells).
bool LooksLikePerson(std::string_view name);

// "person:name:<key>" / "organization:name:<key>" / "company:name:<key>";
// "" when the key is empty.  Which of the last two a name is, is the
// caller's call (IsCompanyName(), or what the source says).
std::string PersonId(std::string_view name);
std::string PersonIdParts(std::string_view family, std::string_view given);
std::string OrganizationId(std::string_view name);
std::string CompanyId(std::string_view name);
// CompanyId(name) when IsCompanyName(name), else OrganizationId(name): the id
// of a firm or body known only by its name (a USPTO assignee, a price-list
// maker, an FDA sponsor, a trial sponsor), so that one name seen by two
// sources is one record.
std::string CompanyOrOrganizationId(std::string_view name);

// The institution named in a free-text affiliation ("Dept. of X, Univ. of Y,
// City, Country. Electronic address: a@b"): the segment naming a university,
// else a hospital, institute, centre or company, else the first segment.
// Japanese affiliations ("信州大学 医学部 ...") give the part up to the
// institution word.  Returns the segment as written (trimmed).
std::string InstitutionOf(std::string_view affiliation);

}  // namespace seedgraph
