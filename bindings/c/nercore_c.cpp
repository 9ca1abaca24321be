// SPDX-License-Identifier: MIT
// File: nercore_c.cpp
// The C API (nercore.h) over nercore::Pipeline and nercore::to_json. Every entry point catches
// everything: no exception crosses into C. Errors are heap objects owned by the caller, except the
// one for "out of memory", which is static so that reporting it cannot fail in turn.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <limits>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "nercore.h"
#include "nercore/export.hpp"
#include "nercore/pipeline.hpp"
#include "nercore/result.hpp"
#include "nercore/version.hpp"

struct nercore_pipeline {
  nercore::Pipeline pipeline;
};

struct nercore_error {
  std::string message;
  std::string code;
  bool is_static = false;
};

namespace {

nercore_error g_out_of_memory{"out of memory", "", true};

/// Stores a new error in *err (if err is not NULL); never throws.
void set_error(nercore_error** err, std::string message, std::string code) noexcept {
  if (err == nullptr) return;
  try {
    *err = new nercore_error{std::move(message), std::move(code), false};
  } catch (...) {
    *err = &g_out_of_memory;
  }
}

void set_error(nercore_error** err, const nercore::Error& e) noexcept {
  try {
    set_error(err, e.to_string(), nercore::error_code_id(e.code));
  } catch (...) {
    if (err != nullptr) *err = &g_out_of_memory;
  }
}

/// Reports the exception being handled; call only inside a catch block.
void set_current_exception(nercore_error** err) noexcept {
  try {
    throw;
  } catch (const nercore::Exception& e) {
    set_error(err, e.error());
  } catch (const std::bad_alloc&) {
    if (err != nullptr) *err = &g_out_of_memory;
  } catch (const std::exception& e) {
    set_error(err, std::string("internal error: ") + e.what(), "");
  } catch (...) {
    set_error(err, "internal error: unknown exception", "");
  }
}

void invalid_argument(nercore_error** err, const char* what) noexcept {
  try {
    set_error(err, nercore::Error{nercore::ErrorCode::invalid_argument, what, "", 0});
  } catch (...) {
    if (err != nullptr) *err = &g_out_of_memory;
  }
}

/// The `len` bytes at `text` (which may be NULL when len is 0).
std::string_view text_view(const char* text, std::size_t len) {
  return len == 0 ? std::string_view() : std::string_view(text, len);
}

/// A document's JSON line in a malloc'ed, NUL-terminated copy; throws std::bad_alloc.
char* json_copy(const nercore::Document& doc) {
  const std::string json = nercore::to_json(doc);
  char* out = static_cast<char*>(std::malloc(json.size() + 1));
  if (out == nullptr) throw std::bad_alloc();
  std::memcpy(out, json.c_str(), json.size() + 1);
  return out;
}

}  // namespace

extern "C" {

const char* nercore_version(void) { return NERCORE_VERSION_STRING; }

nercore_pipeline* nercore_pipeline_open(const char* dir, nercore_error** err) {
  if (err != nullptr) *err = nullptr;
  if (dir == nullptr) {
    invalid_argument(err, "nercore_pipeline_open: dir is NULL");
    return nullptr;
  }
  return nercore_pipeline_open_cached(dir, nullptr, err);
}

nercore_pipeline* nercore_pipeline_open_cached(const char* dir, const char* gazetteer_cache, nercore_error** err) {
  if (err != nullptr) *err = nullptr;
  if (dir == nullptr) {
    invalid_argument(err, "nercore_pipeline_open_cached: dir is NULL");
    return nullptr;
  }
  try {
    nercore::DirectoryOptions options;
    if (gazetteer_cache != nullptr) options.gazetteer_cache = gazetteer_cache;
    nercore::Result<nercore::Pipeline> p = nercore::Pipeline::from_directory(dir, options);
    if (!p) {
      set_error(err, p.error());
      return nullptr;
    }
    return new nercore_pipeline{std::move(p).value()};
  } catch (...) {
    set_current_exception(err);
    return nullptr;
  }
}

void nercore_pipeline_free(nercore_pipeline* pipeline) { delete pipeline; }

int nercore_annotate_json(const nercore_pipeline* pipeline, const char* text, size_t len,
                          const char* doc_id, const char* date, char** json_out,
                          nercore_error** err) {
  if (err != nullptr) *err = nullptr;
  if (json_out != nullptr) *json_out = nullptr;
  if (pipeline == nullptr || json_out == nullptr || (text == nullptr && len > 0)) {
    invalid_argument(err, "nercore_annotate_json: pipeline, json_out or text is NULL");
    return 1;
  }
  if (len > std::numeric_limits<std::uint32_t>::max()) {
    invalid_argument(err, "nercore_annotate_json: the text is 4 GiB or more");
    return 1;
  }
  try {
    const nercore::Document doc = pipeline->pipeline.annotate(
        text_view(text, len), doc_id != nullptr ? doc_id : "", date != nullptr ? date : "");
    *json_out = json_copy(doc);
    return 0;
  } catch (...) {
    set_current_exception(err);
    return 1;
  }
}

int nercore_annotate_json_many(const nercore_pipeline* pipeline, size_t count, const char* const* texts,
                               const size_t* lengths, const char* const* doc_ids, const char* const* dates,
                               char** json_out, nercore_error** err) {
  if (err != nullptr) *err = nullptr;
  if (json_out != nullptr)
    for (size_t i = 0; i < count; ++i) json_out[i] = nullptr;
  if (pipeline == nullptr || (count > 0 && (texts == nullptr || lengths == nullptr || json_out == nullptr))) {
    invalid_argument(err, "nercore_annotate_json_many: pipeline, texts, lengths or json_out is NULL");
    return 1;
  }
  for (size_t i = 0; i < count; ++i) {
    if (texts[i] == nullptr && lengths[i] > 0) {
      invalid_argument(err, "nercore_annotate_json_many: a text is NULL");
      return 1;
    }
    if (lengths[i] > std::numeric_limits<std::uint32_t>::max()) {
      invalid_argument(err, "nercore_annotate_json_many: a text is 4 GiB or more");
      return 1;
    }
  }
  try {
    std::vector<nercore::Pipeline::Text> batch(count);
    for (size_t i = 0; i < count; ++i) {
      batch[i].text = text_view(texts[i], lengths[i]);
      if (doc_ids != nullptr && doc_ids[i] != nullptr) batch[i].id = doc_ids[i];
      if (dates != nullptr && dates[i] != nullptr) batch[i].date = dates[i];
    }
    const std::vector<nercore::Document> docs = pipeline->pipeline.annotate_many(batch);
    for (size_t i = 0; i < count; ++i) json_out[i] = json_copy(docs[i]);
    return 0;
  } catch (...) {
    for (size_t i = 0; i < count; ++i) {  // all or nothing
      std::free(json_out[i]);
      json_out[i] = nullptr;
    }
    set_current_exception(err);
    return 1;
  }
}

void nercore_string_free(char* s) { std::free(s); }

const char* nercore_error_message(const nercore_error* err) {
  return err == nullptr ? "" : err->message.c_str();
}

const char* nercore_error_code(const nercore_error* err) {
  return err == nullptr ? "" : err->code.c_str();
}

void nercore_error_free(nercore_error* err) {
  if (err != nullptr && !err->is_static) delete err;
}

}  // extern "C"
