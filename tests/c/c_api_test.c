/* SPDX-License-Identifier: MIT */
/* File: c_api_test.c
 * Test of the C API, compiled as C99: open the bundled gazetteers, annotate a sentence, look for
 * the expected entities in the JSON, annotate a batch (the JSON of one call per text), check the
 * errors of a bad directory and of bad arguments, and
 * free everything (the asan preset checks that nothing leaks).
 * Usage: c_api_test GAZETTEER_DIR */
#define _POSIX_C_SOURCE 200809L /* mkstemp, close, unlink */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nercore.h"

static int failures = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

static void test_annotate(const char* dir) {
  nercore_error* err = NULL;
  nercore_pipeline* p = nercore_pipeline_open(dir, &err);
  CHECK(p != NULL);
  CHECK(err == NULL);
  if (p == NULL) {
    fprintf(stderr, "cannot open %s: %s\n", dir, nercore_error_message(err));
    nercore_error_free(err);
    return;
  }

  /* "« » and an accent before the names: offsets in the JSON are UTF-8 bytes. */
  const char* text =
      "Selon l\xE2\x80\x99"
      "AFP, la Chine soutient la Russie. "
      "\xC2\xAB Emmanuel Macron \xC2\xBB a rencontr\xC3\xA9 Olaf Scholz.";
  char* json = NULL;
  int rc = nercore_annotate_json(p, text, strlen(text), "doc1", "2024-06-19", &json, &err);
  CHECK(rc == 0);
  CHECK(err == NULL);
  CHECK(json != NULL);
  if (json != NULL) {
    CHECK(strstr(json, "\"doc\":\"doc1\"") != NULL);
    CHECK(strstr(json, "\"date\":\"2024-06-19\"") != NULL);
    CHECK(strstr(json, "\"id\":\"china\"") != NULL);
    CHECK(strstr(json, "\"id\":\"russia\"") != NULL);
    CHECK(strstr(json, "\"id\":\"emmanuel_macron\"") != NULL);
    CHECK(strstr(json, "\"type\":\"SUPPORT\"") != NULL);
    CHECK(strchr(json, '\n') == NULL);
  }
  nercore_string_free(json);

  /* A text that is not NUL-terminated: only `len` bytes are read. */
  char buffer[16];
  memcpy(buffer, "la Russie!!!!!!!", 16);
  json = NULL;
  rc = nercore_annotate_json(p, buffer, 9, NULL, NULL, &json, NULL);
  CHECK(rc == 0);
  CHECK(json != NULL && strstr(json, "\"bytes\":9") != NULL);
  CHECK(json != NULL && strstr(json, "\"id\":\"russia\"") != NULL);
  nercore_string_free(json);

  /* Empty text, and invalid UTF-8 (reported in the JSON, not an error). */
  json = NULL;
  rc = nercore_annotate_json(p, NULL, 0, "empty", "", &json, &err);
  CHECK(rc == 0 && err == NULL && json != NULL);
  nercore_string_free(json);
  json = NULL;
  const char* invalid = "la \xFF Chine";
  rc = nercore_annotate_json(p, invalid, strlen(invalid), "bad", "", &json, &err);
  CHECK(rc == 0 && err == NULL && json != NULL);
  CHECK(json != NULL && strstr(json, "\"invalid_utf8_bytes\":1") != NULL);
  nercore_string_free(json);

  /* Bad arguments are errors, not crashes. */
  json = NULL;
  rc = nercore_annotate_json(p, NULL, 5, "x", "", &json, &err);
  CHECK(rc != 0);
  CHECK(json == NULL);
  CHECK(err != NULL);
  CHECK(strcmp(nercore_error_code(err), "N009") == 0);
  CHECK(strstr(nercore_error_message(err), "[N009]") != NULL);
  nercore_error_free(err);
  err = NULL;
  rc = nercore_annotate_json(p, "x", 1, "x", "", NULL, &err);
  CHECK(rc != 0 && err != NULL);
  nercore_error_free(err);

  nercore_pipeline_free(p);
}

/* A batch gives, text for text, the JSON of one nercore_annotate_json call each; bad arguments
 * fail the whole batch and leave no string to free. */
static void test_annotate_many(const char* dir) {
  nercore_error* err = NULL;
  nercore_pipeline* p = nercore_pipeline_open(dir, &err);
  CHECK(p != NULL);
  if (p == NULL) {
    nercore_error_free(err);
    return;
  }
  const char* texts[4] = {"\xC2\xAB Emmanuel Macron \xC2\xBB a rencontr\xC3\xA9 Olaf Scholz. La Chine soutient la Russie.",
                          NULL, "la \xFF Chine", "la Russie!!!"};
  const size_t lengths[4] = {strlen(texts[0]), 0, strlen(texts[2]), 9};
  const char* ids[4] = {"a", NULL, "c", "d"};
  const char* dates[4] = {"2024-06-19", "2024-06-20", NULL, "2023-01-02"};
  char* batch[4] = {NULL, NULL, NULL, NULL};
  int rc = nercore_annotate_json_many(p, 4, texts, lengths, ids, dates, batch, &err);
  CHECK(rc == 0);
  CHECK(err == NULL);
  for (int i = 0; i < 4; ++i) {
    char* one = NULL;
    CHECK(nercore_annotate_json(p, texts[i], lengths[i], ids[i], dates[i], &one, NULL) == 0);
    CHECK(batch[i] != NULL && one != NULL && strcmp(batch[i], one) == 0);
    nercore_string_free(one);
  }
  CHECK(batch[0] != NULL && strstr(batch[0], "\"type\":\"SUPPORT\"") != NULL);
  CHECK(batch[3] != NULL && strstr(batch[3], "\"bytes\":9") != NULL);
  for (int i = 0; i < 4; ++i) nercore_string_free(batch[i]);

  /* No id and date arrays. */
  rc = nercore_annotate_json_many(p, 1, texts, lengths, NULL, NULL, batch, &err);
  CHECK(rc == 0 && err == NULL && batch[0] != NULL);
  CHECK(batch[0] != NULL && strstr(batch[0], "\"doc\":\"\"") != NULL);
  nercore_string_free(batch[0]);

  /* An empty batch succeeds, even without arrays. */
  CHECK(nercore_annotate_json_many(p, 0, NULL, NULL, NULL, NULL, NULL, &err) == 0);
  CHECK(err == NULL);

  /* Bad arguments: an error, and every output NULL. */
  const size_t bad_lengths[4] = {lengths[0], 5, lengths[2], lengths[3]};
  static char sentinel[] = "not NULL before the call";
  for (int i = 0; i < 4; ++i) batch[i] = sentinel;
  rc = nercore_annotate_json_many(p, 4, texts, bad_lengths, ids, dates, batch, &err);
  CHECK(rc != 0);
  CHECK(err != NULL && strcmp(nercore_error_code(err), "N009") == 0);
  for (int i = 0; i < 4; ++i) CHECK(batch[i] == NULL);
  nercore_error_free(err);
  err = NULL;
  rc = nercore_annotate_json_many(p, 2, NULL, lengths, NULL, NULL, batch, &err);
  CHECK(rc != 0 && err != NULL);
  nercore_error_free(err);
  err = NULL;
  rc = nercore_annotate_json_many(NULL, 0, NULL, NULL, NULL, NULL, NULL, &err);
  CHECK(rc != 0 && err != NULL);
  nercore_error_free(err);
  nercore_pipeline_free(p);
}

/* A gazetteer snapshot as a cache: written by the first open, read by the second; both pipelines
 * give the same JSON as one without a cache. An unwritable snapshot is an I/O error. */
static void test_cache(const char* dir) {
  char path[] = "/tmp/nercore_c_cache_XXXXXX";
  const int fd = mkstemp(path);
  CHECK(fd >= 0);
  if (fd < 0) return;
  close(fd);
  unlink(path); /* missing: the first open writes it */
  const char* text = "Vladimir Poutine a rencontr\xc3\xa9 Kim Jong-un \xc3\xa0 Pyongyang.";
  nercore_error* err = NULL;
  nercore_pipeline* plain = nercore_pipeline_open_cached(dir, NULL, &err);
  nercore_pipeline* first = nercore_pipeline_open_cached(dir, path, &err);
  CHECK(first != NULL && err == NULL);
  FILE* f = fopen(path, "rb");
  CHECK(f != NULL);
  if (f != NULL) fclose(f);
  nercore_pipeline* second = nercore_pipeline_open_cached(dir, path, &err);
  CHECK(second != NULL && err == NULL);
  char *a = NULL, *b = NULL, *c = NULL;
  CHECK(nercore_annotate_json(plain, text, strlen(text), "d", "2024-06-19", &a, NULL) == 0);
  CHECK(nercore_annotate_json(first, text, strlen(text), "d", "2024-06-19", &b, NULL) == 0);
  CHECK(nercore_annotate_json(second, text, strlen(text), "d", "2024-06-19", &c, NULL) == 0);
  CHECK(a != NULL && b != NULL && c != NULL && strcmp(a, b) == 0 && strcmp(a, c) == 0);
  CHECK(a != NULL && strstr(a, "kim_jong_un") != NULL);
  nercore_string_free(a);
  nercore_string_free(b);
  nercore_string_free(c);
  nercore_pipeline_free(plain);
  nercore_pipeline_free(first);
  nercore_pipeline_free(second);
  unlink(path);

  CHECK(nercore_pipeline_open_cached(dir, "/nonexistent/nercore/fr.snapshot", &err) == NULL);
  CHECK(err != NULL && strcmp(nercore_error_code(err), "N001") == 0);
  CHECK(err != NULL && strstr(nercore_error_message(err), "/nonexistent/nercore/fr.snapshot") != NULL);
  nercore_error_free(err);
}

static void test_bad_directory(void) {
  nercore_error* err = NULL;
  nercore_pipeline* p = nercore_pipeline_open("/nonexistent/nercore/gazetteers", &err);
  CHECK(p == NULL);
  CHECK(err != NULL);
  if (err != NULL) {
    const char* message = nercore_error_message(err);
    CHECK(message != NULL && message[0] != '\0');
    CHECK(strstr(message, "[N") != NULL);
    CHECK(nercore_error_code(err)[0] == 'N');
    printf("bad directory: %s\n", message);
  }
  nercore_error_free(err);

  err = NULL;
  CHECK(nercore_pipeline_open(NULL, &err) == NULL);
  CHECK(err != NULL && strcmp(nercore_error_code(err), "N009") == 0);
  nercore_error_free(err);
  /* A NULL error pointer is allowed, and so are NULL arguments to the *_free functions. */
  CHECK(nercore_pipeline_open("/nonexistent", NULL) == NULL);
  nercore_pipeline_free(NULL);
  nercore_string_free(NULL);
  nercore_error_free(NULL);
  CHECK(strcmp(nercore_error_message(NULL), "") == 0);
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s GAZETTEER_DIR\n", argv[0]);
    return 2;
  }
  CHECK(strlen(nercore_version()) > 0);
  test_annotate(argv[1]);
  test_annotate_many(argv[1]);
  test_cache(argv[1]);
  test_bad_directory();
  if (failures > 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("all C API checks passed\n");
  return 0;
}
