/* SPDX-License-Identifier: MIT */
/* File: nercore.h
 * The C API of nercore: load a gazetteer directory into an opaque pipeline, annotate UTF-8 text,
 * get the document back as one JSON line (the schema of nercore-extract, UTF-8 byte offsets).
 * C99; no C++ exception crosses this boundary: every failure is reported through a
 * nercore_error object with a message such as "gazetteers/fr: [N001] no such directory".
 *
 * Ownership: every pointer a function returns through an out parameter belongs to the caller and
 * is freed with the matching *_free function; the *_free functions accept NULL.
 *
 * Thread safety: a nercore_pipeline is immutable once opened; nercore_annotate_json and
 * nercore_annotate_json_many may be called on the same pipeline from any number of threads at once.
 *
 * Example:
 *   nercore_error* err = NULL;
 *   nercore_pipeline* p = nercore_pipeline_open("gazetteers/fr", &err);
 *   if (!p) { fprintf(stderr, "%s\n", nercore_error_message(err)); nercore_error_free(err); }
 *   char* json = NULL;
 *   if (nercore_annotate_json(p, text, strlen(text), "doc1", "2024-06-19", &json, &err) == 0)
 *     puts(json);
 *   nercore_string_free(json);
 *   nercore_pipeline_free(p);
 */
#ifndef NERCORE_H_
#define NERCORE_H_

#include <stddef.h>

#if defined(_WIN32)
#define NERCORE_C_API __declspec(dllexport)
#elif defined(__GNUC__)
#define NERCORE_C_API __attribute__((visibility("default")))
#else
#define NERCORE_C_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** A compiled pipeline (gazetteers, rules, relation triggers). Opaque. */
typedef struct nercore_pipeline nercore_pipeline;
/** What went wrong: a message and a stable code. Opaque. */
typedef struct nercore_error nercore_error;

/** The library version, "MAJOR.MINOR.PATCH". Static storage; never NULL. */
NERCORE_C_API const char* nercore_version(void);

/** Loads a gazetteer directory (as nercore::Pipeline::from_directory). Returns NULL on failure
 *  and, if `err` is not NULL, sets *err to a new error (and to NULL on success). */
NERCORE_C_API nercore_pipeline* nercore_pipeline_open(const char* dir, nercore_error** err);

/** The same, with a gazetteer snapshot as a cache (nercore::DirectoryOptions::gazetteer_cache):
 *  read when it was made from the directory's current files, otherwise the gazetteer is built and
 *  the snapshot written. NULL or "" for no cache. A snapshot that cannot be written is an error. */
NERCORE_C_API nercore_pipeline* nercore_pipeline_open_cached(const char* dir, const char* gazetteer_cache,
                                                             nercore_error** err);

/** Frees a pipeline; NULL is allowed. */
NERCORE_C_API void nercore_pipeline_free(nercore_pipeline* pipeline);

/** Annotates `len` bytes of UTF-8 `text` (need not be NUL-terminated; invalid bytes count as
 *  U+FFFD and are reported in the JSON "diagnostics"). `doc_id` and `date` (YYYY-MM-DD, "" or
 *  NULL for the pipeline's date or today) may be NULL. On success returns 0 and sets *json_out
 *  to a malloc'ed, NUL-terminated JSON object without a trailing newline, identical to a line of
 *  nercore-extract's output; free it with nercore_string_free. On failure returns a non-zero
 *  value, sets *json_out to NULL and, if `err` is not NULL, *err to a new error. Fails when an
 *  argument is NULL (pipeline, json_out, or text with len > 0), when the text is 4 GiB or more,
 *  or when memory runs out. */
NERCORE_C_API int nercore_annotate_json(const nercore_pipeline* pipeline, const char* text,
                                        size_t len, const char* doc_id, const char* date,
                                        char** json_out, nercore_error** err);

/** Annotates `count` texts as one batch (nercore::Pipeline::annotate_many: each stage runs over
 *  every text before the next, faster than one nercore_annotate_json call per text; the JSON of
 *  each text is the same). Text i is the `lengths[i]` bytes at `texts[i]`, as in
 *  nercore_annotate_json. `doc_ids` and `dates` are arrays of `count` entries or NULL; any entry
 *  may be NULL. `json_out` is an array of `count` pointers provided by the caller. On success
 *  returns 0 and sets json_out[i] to text i's JSON (free each with nercore_string_free). On
 *  failure returns a non-zero value, sets every json_out[i] to NULL (nothing to free) and, if
 *  `err` is not NULL, *err to a new error. Fails when pipeline is NULL, when count > 0 and texts,
 *  lengths or json_out is NULL, when a texts[i] is NULL with lengths[i] > 0, when a text is 4 GiB
 *  or more, or when memory runs out. count == 0 succeeds. */
NERCORE_C_API int nercore_annotate_json_many(const nercore_pipeline* pipeline, size_t count,
                                             const char* const* texts, const size_t* lengths,
                                             const char* const* doc_ids, const char* const* dates,
                                             char** json_out, nercore_error** err);

/** Frees a string returned by this API; NULL is allowed. */
NERCORE_C_API void nercore_string_free(char* s);

/** The error's message, "source:line: [N001] message" (source and line when known). Valid until
 *  nercore_error_free; never NULL ("" for a NULL error). */
NERCORE_C_API const char* nercore_error_message(const nercore_error* err);

/** The error's stable code, e.g. "N001" (see nercore/result.hpp); "" for a NULL error and for
 *  failures that are not nercore errors (out of memory, an unexpected exception). */
NERCORE_C_API const char* nercore_error_code(const nercore_error* err);

/** Frees an error; NULL is allowed. */
NERCORE_C_API void nercore_error_free(nercore_error* err);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* NERCORE_H_ */
