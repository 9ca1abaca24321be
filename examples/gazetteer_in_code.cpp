// SPDX-License-Identifier: MIT
// File: gazetteer_in_code.cpp
// A gazetteer built in code instead of read from files: GazetteerBuilder::add_entity with aliases
// (`~` marks a short form, recognized only after the full name), then a Pipeline made from
// PipelineOptions, and the mentions of one sentence with their byte offsets.
#include <iostream>
#include <utility>

#include "nercore/nercore.hpp"

int main() {
  nercore::GazetteerBuilder builder;
  const nercore::Status added[] = {
      builder.add_entity(
          {"france", nercore::EntityType::state, "France", {{"capital", "Paris"}}, ""},
          {"République française"}),
      builder.add_entity({"jean_dupont", nercore::EntityType::person, "Jean Dupont", {}, ""},
                         {"~Dupont"}),
      builder.add_entity({"nato",
                          nercore::EntityType::organization,
                          "Organisation du traité de l'Atlantique nord",
                          {},
                          ""},
                         {"OTAN", "Alliance atlantique"}),
  };
  for (const nercore::Status& st : added) {
    if (!st) {
      std::cerr << st.error().to_string() << '\n';
      return 1;
    }
  }
  nercore::Result<nercore::Gazetteer> gazetteer = std::move(builder).build();
  if (!gazetteer) {
    std::cerr << gazetteer.error().to_string() << '\n';
    return 1;
  }

  nercore::PipelineOptions options;
  options.gazetteer = *gazetteer;
  options.resolve.date = "2024-06-19";
  nercore::Result<nercore::Pipeline> pipeline = nercore::Pipeline::create(std::move(options));
  if (!pipeline) {
    std::cerr << pipeline.error().to_string() << '\n';
    return 1;
  }

  const char* text =
      "Jean Dupont a rappelé à Paris l'attachement de la France à l'OTAN. Dupont s'est ensuite tu.";
  const nercore::Document doc = pipeline->annotate(text, "example");
  for (const nercore::Mention& m : doc.mentions) {
    std::cout << '[' << m.span.begin << ", " << m.span.end << ") " << m.text << " -> " << m.entity
              << " (" << nercore::to_string(m.type) << ", " << nercore::to_string(m.kind) << ")";
    if (!m.stands_for.empty()) std::cout << " stands for " << m.stands_for;
    std::cout << '\n';
  }
}
