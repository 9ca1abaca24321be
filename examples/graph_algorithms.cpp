// SPDX-License-Identifier: MIT
// File: graph_algorithms.cpp
// Runs Boost.Graph algorithms on an ActorGraph: who is most supported (in-degree over SUPPORT
// edges, weighted by documents) and the blocs of actors linked by cooperative edges (connected
// components over edges with sign > 0).
//
// Usage: graph_algorithms [actors.graphml]   (without a file: a few hand-made documents)
#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/connected_components.hpp>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "nercore/graph.hpp"

namespace {

nercore::Document document(const char* date, std::vector<nercore::Relation> relations) {
  nercore::Document d;
  d.date = date;
  for (const nercore::Relation& r : relations) {
    for (const std::string& id : {r.source, r.target}) {
      if (d.find_entity(id) != nullptr) continue;
      nercore::Entity e;
      e.id = e.name = id;
      e.type = nercore::EntityType::state;
      d.entities.push_back(e);
    }
  }
  d.relations = std::move(relations);
  return d;
}

nercore::Relation rel(const char* s, nercore::RelationType t, const char* o, double goldstein) {
  nercore::Relation r;
  r.source = s;
  r.target = o;
  r.type = t;
  r.goldstein = goldstein;
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  using T = nercore::RelationType;
  nercore::ActorGraph actors;
  if (argc > 1) {
    std::ifstream in(argv[1], std::ios::binary);
    nercore::Result<nercore::ActorGraph> read = nercore::ActorGraph::read_graphml(in, argv[1]);
    if (!read) {
      std::cerr << read.error().to_string() << "\n";
      return 1;
    }
    actors = std::move(read).value();
  } else {
    actors.add(document("2024-06-19", {rel("Russie", T::support, "Corée du Nord", 3.4),
                                       rel("Chine", T::support, "Corée du Nord", 3.4),
                                       rel("Russie", T::cooperate, "Chine", 4.0)}));
    actors.add(document("2024-06-20", {rel("France", T::support, "Ukraine", 3.4),
                                       rel("Allemagne", T::supply, "Ukraine", 5.2),
                                       rel("Russie", T::attack, "Ukraine", -10.0),
                                       rel("Iran", T::support, "Corée du Nord", 3.4)}));
  }
  const nercore::ActorGraphBase& g = actors.graph();

  // Weighted in-degree over SUPPORT edges: the number of documents in which someone supports v.
  std::vector<std::pair<unsigned, std::string>> support;
  for (auto [v, end] = boost::vertices(g); v != end; ++v) {
    unsigned weight = 0;
    for (auto [e, e_end] = boost::in_edges(*v, g); e != e_end; ++e) {
      if (g[*e].type == "SUPPORT") weight += g[*e].documents;
    }
    if (weight > 0) support.emplace_back(weight, g[*v].label.empty() ? g[*v].id : g[*v].label);
  }
  std::sort(support.rbegin(), support.rend());
  std::cout << "Most supported:\n";
  for (const auto& [weight, name] : support) std::cout << "  " << weight << "  " << name << "\n";

  // Connected components of the undirected graph of cooperative edges.
  boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS> coop(boost::num_vertices(g));
  for (auto [e, end] = boost::edges(g); e != end; ++e) {
    if (g[*e].sign > 0) boost::add_edge(boost::source(*e, g), boost::target(*e, g), coop);
  }
  std::vector<int> component(boost::num_vertices(g));
  const int count = boost::connected_components(coop, component.data());
  std::map<int, std::vector<std::string>> blocs;
  for (auto [v, end] = boost::vertices(g); v != end; ++v) {
    blocs[component[*v]].push_back(g[*v].label.empty() ? g[*v].id : g[*v].label);
  }
  std::cout << count << " cooperative components:\n";
  for (auto& [id, names] : blocs) {
    std::sort(names.begin(), names.end());
    std::cout << "  {";
    for (std::size_t i = 0; i < names.size(); ++i) std::cout << (i ? ", " : " ") << names[i];
    std::cout << " }\n";
  }
  return 0;
}
