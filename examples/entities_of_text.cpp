// SPDX-License-Identifier: MIT
// File: entities_of_text.cpp
// The smallest use of nercore: load the pipeline from a gazetteer directory and print the entities
// of one French sentence. Usage: entities_of_text GAZETTEER_DIR "Une phrase en français."
#include <iostream>

#include "nercore/nercore.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " GAZETTEER_DIR TEXT\n";
    return 2;
  }
  nercore::Result<nercore::Pipeline> pipeline = nercore::Pipeline::from_directory(argv[1]);
  if (!pipeline) {
    std::cerr << pipeline.error().to_string() << '\n';
    return 3;
  }
  const nercore::Document doc = pipeline->annotate(argv[2], "argv");
  for (const nercore::Entity& e : doc.entities) {
    std::cout << nercore::to_string(e.type) << '\t' << e.id << '\t' << e.name << '\t'
              << e.mentions.size() << " mention(s)\n";
  }
}
