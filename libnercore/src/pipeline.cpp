// SPDX-License-Identifier: MIT
// File: pipeline.cpp
#include "nercore/pipeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string_view>
#include <vector>

#include "detail/snapshot.hpp"
#include "detail/stages.hpp"
#include "detail/tsv.hpp"
#include "nercore/text.hpp"

namespace nercore {

struct Pipeline::Impl {
  PipelineOptions options;
  Segmenter segmenter;
};

bool is_valid_date(std::string_view s) noexcept {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (s[i] < '0' || s[i] > '9') return false;
  auto number = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  const std::chrono::year_month_day ymd{std::chrono::year{number(0, 4)},
                                        std::chrono::month{static_cast<unsigned>(number(5, 2))},
                                        std::chrono::day{static_cast<unsigned>(number(8, 2))}};
  return ymd.ok();
}

Result<Pipeline> Pipeline::create(PipelineOptions options) {
  auto seg = Segmenter::create(options.segmenter);
  if (!seg) return seg.error();
  if (!options.resolve.date.empty() && !is_valid_date(options.resolve.date))
    return Error{ErrorCode::bad_date, fmt::format("date '{}' is not YYYY-MM-DD", options.resolve.date), "", 0};
  // a description ends before a verb of the relation lexicon (« le gouvernement polonais dénonce »)
  if (!options.resolve.descriptors.heads().empty())
    options.resolve.descriptors = options.resolve.descriptors.with_stop_words(options.lexicon.verb_words());
  auto impl = std::make_shared<Impl>(Impl{std::move(options), std::move(*seg)});
  return Pipeline(std::move(impl));
}

namespace {

// The key of a directory's gazetteer snapshot: its path as given (the mentions' rules name the
// files by it), then the name, size and bytes of each file the gazetteer is built from, in the
// order GazetteerBuilder::add_directory reads them (detail::gazetteer_files: the other files of
// the directory, a snapshot kept there included, do not change the key).
Result<std::uint64_t> directory_fingerprint(const std::filesystem::path& dir) {
  auto files = detail::gazetteer_files(dir);
  if (!files) return files.error();
  std::uint64_t key = detail::snapshot_mix(0, dir.string());
  for (const auto& f : *files) {
    auto text = detail::read_file(f);
    if (!text) return text.error();
    key = detail::snapshot_mix(detail::snapshot_mix(key, f.filename().string()), *text);
  }
  return key;
}

}  // namespace

Result<Pipeline> Pipeline::from_directory(const std::filesystem::path& dir) { return from_directory(dir, {}); }

Result<Pipeline> Pipeline::from_directory(const std::filesystem::path& dir, const DirectoryOptions& options,
                                          GazetteerCacheUse* cache_use) {
  PipelineOptions opt;
  if (cache_use) *cache_use = GazetteerCacheUse::none;
  std::uint64_t key = 0;
  bool have = false;
  if (!options.gazetteer_cache.empty()) {
    auto fingerprint = directory_fingerprint(dir);
    if (!fingerprint) return fingerprint.error();
    key = *fingerprint;
    // missing, stale, damaged: any failure to load means building it again below
    if (auto cached = Gazetteer::load(options.gazetteer_cache, key)) {
      opt.gazetteer = std::move(*cached);
      have = true;
      if (cache_use) *cache_use = GazetteerCacheUse::loaded;
    }
  }
  if (!have) {
    GazetteerBuilder b;
    if (auto st = b.add_directory(dir); !st) return st.error();
    auto gz = std::move(b).build();
    if (!gz) return gz.error();
    opt.gazetteer = std::move(*gz);
    if (!options.gazetteer_cache.empty()) {
      if (auto st = opt.gazetteer.save(options.gazetteer_cache, key); !st) return st.error();
      if (cache_use) *cache_use = GazetteerCacheUse::written;
    }
  }
  if (std::filesystem::exists(dir / "rules.tsv")) {
    auto rules = RegexRecognizer::from_file(dir / "rules.tsv");
    if (!rules) return rules.error();
    opt.rules = std::move(*rules);
  }
  if (std::filesystem::exists(dir / "descriptors.tsv")) {
    auto desc = DescriptorLexicon::from_file(dir / "descriptors.tsv");
    if (!desc) return desc.error();
    opt.resolve.descriptors = std::move(*desc);
  }
  auto lex = TriggerLexicon::from_directory(dir);
  if (!lex) return lex.error();
  opt.lexicon = std::move(*lex);
  if (std::filesystem::exists(dir / "abbreviations.txt")) {
    auto text = detail::read_file(dir / "abbreviations.txt");
    if (!text) return text.error();
    auto st = detail::for_each_row(*text, (dir / "abbreviations.txt").string(),
                                   [&](const std::vector<std::string_view>& f, int) -> Status {
                                     opt.segmenter.abbreviations.emplace_back(f[0]);
                                     return Ok{};
                                   });
    if (!st) return st.error();
  }
  return create(std::move(opt));
}

const PipelineOptions& Pipeline::options() const noexcept { return impl_->options; }

namespace {

/// A document for `text` with its id, date, size and invalid UTF-8 diagnostics.
Document start_document(std::string_view text, std::string_view doc_id, std::string_view date) {
  Document doc;
  doc.id = std::string(doc_id);
  doc.date = std::string(date);
  doc.bytes = text.size();
  if (auto bad = find_invalid_utf8(text)) {
    doc.diagnostics.first_invalid = bad->offset;
    // count replaced bytes
    std::size_t i = bad->offset, n = 0;
    while (i < text.size()) {
      auto rest = find_invalid_utf8(text.substr(i));
      if (!rest) break;
      ++n;
      i += rest->offset + 1;
    }
    doc.diagnostics.invalid_utf8_bytes = n;
  }
  return doc;
}

}  // namespace

Document Pipeline::annotate(std::string_view text, std::string_view doc_id,
                            std::string_view date) const {
  const Text one{text, doc_id, date};
  return std::move(annotate_many(std::span(&one, 1)).front());
}

std::vector<Document> Pipeline::annotate_many(std::span<const Text> texts) const {
  const Impl& im = *impl_;
  const PipelineOptions& o = im.options;
  const std::size_t n = texts.size();
  // Each stage runs over every text before the next stage starts (see the header).
  std::vector<Document> docs;
  docs.reserve(n);
  for (const Text& t : texts) docs.push_back(start_document(t.text, t.id, t.date));
  std::vector<Segmentation> segs(n);
  for (std::size_t i = 0; i < n; ++i) {
    segs[i] = im.segmenter.segment(texts[i].text);
    docs[i].sentences = segs[i].sentences;
  }
  std::vector<std::vector<GazetteerMatch>> names(n), demonyms(n);
  std::vector<std::vector<RuleMatch>> rule_matches(n);
  for (std::size_t i = 0; i < n; ++i) names[i] = o.gazetteer.match(segs[i], short_forms_needed(o.resolve));
  for (std::size_t i = 0; i < n; ++i) rule_matches[i] = o.rules.match(texts[i].text);
  // the demonyms serve both resolution and relations: found once
  for (std::size_t i = 0; i < n; ++i) demonyms[i] = o.gazetteer.match_demonyms(segs[i]);
  for (std::size_t i = 0; i < n; ++i)
    detail::resolve(texts[i].text, segs[i], o.gazetteer, names[i], demonyms[i], o.rules, rule_matches[i],
                    o.resolve, docs[i]);
  for (std::size_t i = 0; i < n; ++i)
    detail::build_relations(texts[i].text, segs[i], docs[i].mentions, o.gazetteer, demonyms[i], o.lexicon,
                            o.relations, docs[i]);
  return docs;
}

}  // namespace nercore
