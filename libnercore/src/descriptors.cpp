// SPDX-License-Identifier: MIT
// File: descriptors.cpp
#include "nercore/descriptors.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

#include "detail/token_trie.hpp"
#include "detail/tsv.hpp"

namespace nercore {

struct DescriptorLexicon::Impl {
  std::vector<DescriptorHead> heads;
  std::vector<std::uint32_t> none;
  // First words of heads and stop words, looked up by word or by the hash the Segmenter stored.
  detail::TokenTrie vocab;
  std::vector<std::vector<std::uint32_t>> heads_by_id;  // by vocab word id
  std::vector<char> stop_by_id;

  std::uint32_t id(std::string_view word, std::uint32_t hash) const { return vocab.word_id(word, hash); }
  /// The id of folded word `w`, added to the vocabulary if new.
  std::uint32_t add(const std::string& w) {
    vocab.insert({w});
    const std::uint32_t i = vocab.word_id(w);
    if (heads_by_id.size() <= i) {
      heads_by_id.resize(i + 1);
      stop_by_id.resize(i + 1, 0);
    }
    return i;
  }
};

DescriptorLexicon::DescriptorLexicon() : impl_(std::make_shared<Impl>()) {}

const std::vector<DescriptorHead>& DescriptorLexicon::heads() const noexcept { return impl_->heads; }

const std::vector<std::uint32_t>& DescriptorLexicon::starting_with(std::string_view word) const {
  return starting_with(word, detail::hash_word(word));
}

bool DescriptorLexicon::is_stop(std::string_view word) const { return is_stop(word, detail::hash_word(word)); }

const std::vector<std::uint32_t>& DescriptorLexicon::starting_with(std::string_view word, std::uint32_t hash) const {
  const std::uint32_t id = impl_->id(word, hash);
  return id == detail::TokenTrie::kNone ? impl_->none : impl_->heads_by_id[id];
}

bool DescriptorLexicon::is_stop(std::string_view word, std::uint32_t hash) const {
  const std::uint32_t id = impl_->id(word, hash);
  return id != detail::TokenTrie::kNone && impl_->stop_by_id[id] != 0;
}

DescriptorLexicon DescriptorLexicon::with_stop_words(const std::vector<std::string>& words) const {
  auto impl = std::make_shared<Impl>(*impl_);
  for (const auto& w : words)
    for (const auto& fw : detail::folded_words(w)) impl->stop_by_id[impl->add(fw)] = 1;
  return DescriptorLexicon(std::move(impl));
}

Result<DescriptorLexicon> DescriptorLexicon::from_file(const std::filesystem::path& file) {
  auto text = detail::read_file(file);
  if (!text) return text.error();
  return from_text(*text, file.string());
}

Result<DescriptorLexicon> DescriptorLexicon::from_text(std::string_view text, std::string_view source) {
  auto impl = std::make_shared<Impl>();
  std::map<std::pair<std::string, EntityType>, std::uint32_t> index;  // (head, type) -> row
  std::map<std::string, std::vector<std::uint32_t>> by_first;           // first word -> heads
  std::set<std::string> stop;
  auto st = detail::for_each_row(text, source, [&](const std::vector<std::string_view>& f, int line) -> Status {
    if (f.size() == 2 && f[0] == "stop") {
      for (auto w : detail::split_list(f[1], '|'))
        for (auto& fw : detail::folded_words(w)) stop.insert(fw);
      return Ok{};
    }
    if (f.size() != 3)
      return detail::make_error(ErrorCode::parse, fmt::format("expected 3 columns (head, type, how) or 'stop<TAB>words', found {}", f.size()), source, line);
    auto type = parse_entity_type(f[1]);
    if (!type) return detail::make_error(ErrorCode::unknown_type, fmt::format("unknown entity type '{}'", f[1]), source, line);
    auto words = detail::folded_words(f[0]);
    if (words.empty()) return detail::make_error(ErrorCode::parse, "empty head", source, line);
    std::string key;
    for (const auto& w : words) key += w + " ";
    auto [it, fresh] = index.try_emplace({key, *type}, static_cast<std::uint32_t>(impl->heads.size()));
    if (fresh) {
      DescriptorHead h;
      h.head = std::string(f[0]);
      h.words = words;
      h.type = *type;
      h.source = fmt::format("{}:{}", source, line);
      impl->heads.push_back(std::move(h));
      by_first[words[0]].push_back(it->second);
    }
    DescriptorHead& h = impl->heads[it->second];
    for (auto how : detail::split_list(f[2], '|')) {
      if (how == "apposition") h.apposition = true;
      else if (how == "complement") h.complement = true;
      else if (how == "adjective") h.adjective = true;
      else if (how == "anaphora") h.anaphora = true;
      else if (how.substr(0, 9) == "anaphora:") {
        const auto eq = how.find('=');
        if (eq == std::string_view::npos || eq == 9 || eq + 1 == how.size())
          return detail::make_error(ErrorCode::parse, fmt::format("way '{}': expected anaphora:key=value", how), source, line);
        h.anaphora = true;
        h.anaphora_key = std::string(how.substr(9, eq - 9));
        h.anaphora_value = std::string(how.substr(eq + 1));
      }
      else if (how == "counterpart") h.counterpart = true;
      else if (how.substr(0, 7) == "office:" && how.size() > 7) h.offices.emplace_back(how.substr(7));
      else return detail::make_error(ErrorCode::parse, fmt::format("unknown way '{}' (apposition, complement, adjective, anaphora, anaphora:key=value, counterpart, office:X)", how), source, line);
    }
    return Ok{};
  });
  if (!st) return st.error();
  // longest heads first, so that "secrétaire général" is tried before "secrétaire"
  for (auto& [w, list] : by_first)
    std::stable_sort(list.begin(), list.end(), [&](std::uint32_t a, std::uint32_t b) {
      return impl->heads[a].words.size() > impl->heads[b].words.size();
    });
  for (auto& [w, list] : by_first) impl->heads_by_id[impl->add(w)] = std::move(list);
  for (const auto& w : stop) impl->stop_by_id[impl->add(w)] = 1;
  return DescriptorLexicon(std::move(impl));
}

}  // namespace nercore
