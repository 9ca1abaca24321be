// A program that uses an installed nercore.
#include <nercore/nercore.hpp>

#include <iostream>

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  auto p = nercore::Pipeline::from_directory(argv[1]);
  if (!p) {
    std::cerr << p.error().to_string() << "\n";
    return 1;
  }
  auto doc = p->annotate("La Russie a salué la décision de la Chine.", "t");
  for (const auto& e : doc.entities) std::cout << e.id << " " << nercore::to_string(e.type) << "\n";
  std::cout << "nercore " << nercore::version() << "\n";
  return doc.entities.empty() ? 1 : 0;
}
