// SPDX-License-Identifier: MIT
// Relation constructions on sentences written for these tests, with the bundled gazetteers.
#include <catch2/catch.hpp>

#include "nercore/pipeline.hpp"
#include "support/fixtures.hpp"

using namespace nercore;

using nercore::test::bundled;

namespace {

// "source TYPE target modality" for every relation of the text.
std::vector<std::string> rels(std::string_view text) {
  Document d = bundled().annotate(text, "t", "2024-06-19");
  std::vector<std::string> out;
  for (const auto& r : d.relations)
    out.push_back(r.source + " " + std::string(to_string(r.type)) + " " + r.target + " " +
                  std::string(to_string(r.modality)));
  return out;
}
bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}
// Checks that the relations of `text` include each of `found` and none of `absent`.
void expect(std::string_view text, std::initializer_list<const char*> found,
            std::initializer_list<const char*> absent = {}) {
  const auto r = rels(text);
  INFO(text);
  for (const char* f : found) CHECK(has(r, f));
  for (const char* a : absent) CHECK_FALSE(has(r, a));
}
}  // namespace

TEST_CASE("subject before the verb, direct object after it", "[relation]") {
  CHECK(rels("La Chine soutient fermement la Russie.") ==
        std::vector<std::string>{"china SUPPORT russia asserted"});
  CHECK(has(rels("Le Canada condamne l'Iran."), "canada CRITICIZE iran asserted"));
}

TEST_CASE("a complement inside the subject noun phrase is not the subject", "[relation]") {
  auto r = rels("La délégation de la France a rencontré le Japon.");
  CHECK(has(r, "france MEET japan asserted"));
}

TEST_CASE("target by the trigger's preposition", "[relation]") {
  CHECK(has(rels("Le Qatar fournit des armes à l'Égypte."), "qatar SUPPLY egypt asserted"));
  CHECK(has(rels("Le Maroc s'est entretenu avec l'Espagne."), "morocco MEET spain asserted"));
}

TEST_CASE("passive with an agent swaps the arguments", "[relation]") {
  CHECK(has(rels("Le Japon a été accusé par la Chine."), "china ACCUSE japan asserted"));
}

TEST_CASE("nominalizations take their arguments from de, à, par and entre", "[relation]") {
  CHECK(has(rels("L'invasion de l'Ukraine par la Russie a choqué."), "russia ATTACK ukraine asserted"));
  CHECK(has(rels("Le soutien de l'Iran à la Syrie est ancien."), "iran SUPPORT syria asserted"));
  CHECK(has(rels("La rencontre entre la Hongrie et la Serbie a eu lieu."), "hungary MEET serbia asserted"));
}

TEST_CASE("coordinated subjects of a symmetric relation", "[relation]") {
  CHECK(has(rels("La France et l'Allemagne ont signé un accord."), "france COOPERATE germany asserted"));
}

TEST_CASE("relative and participle clauses", "[relation]") {
  CHECK(has(rels("Le Brésil, qui accuse Israël de crimes, a rappelé son ambassadeur."),
            "brazil ACCUSE israel asserted"));
  CHECK(has(rels("La Turquie a reçu l'Iran, critiquant Israël."), "turkey CRITICIZE israel asserted"));
}

TEST_CASE("pronoun subjects resolve to the last person named", "[relation]") {
  CHECK(has(rels("Emmanuel Macron est arrivé hier. Il a rencontré Xi Jinping."),
            "emmanuel_macron MEET xi_jinping asserted"));
  // the subject of the previous sentence wins over a person named in an apposition
  CHECK(has(rels("Pedro Sánchez a reçu le roi du Maroc et son conseiller, Olaf Scholz. "
                 "Il n’a en revanche pas rencontré Viktor Orban."),
            "pedro_sanchez MEET viktor_orban negated"));
}

TEST_CASE("coordinated targets each get the relation", "[relation]") {
  auto r = rels("Le Kenya a remercié la Norvège et la Suède.");
  CHECK(has(r, "kenya SUPPORT norway asserted"));
  CHECK(has(r, "kenya SUPPORT sweden asserted"));
}

TEST_CASE("a past participle with an agent is passive even without an auxiliary", "[relation]") {
  CHECK(has(rels("Le Mali a parlé, soutenu par le Niger."), "niger SUPPORT mali asserted"));
}

TEST_CASE("demonym adjectives after an actor noun act for their state", "[relation]") {
  CHECK(has(rels("Les troupes nord-coréennes combattent contre l'Ukraine."),
            "north_korea ATTACK ukraine asserted"));
}

TEST_CASE("modality: reported, future, negated", "[relation]") {
  CHECK(has(rels("Selon Washington, Pyongyang aurait livré des missiles à Moscou."),
            "north_korea SUPPLY russia reported"));
  CHECK(has(rels("L'Inde devrait signer un accord avec le Japon."), "india COOPERATE japan future"));
  CHECK(has(rels("La Pologne ne livrera jamais d'armes à la Biélorussie."),
            "poland SUPPLY belarus negated"));
  CHECK(has(rels("Le Chili n'a pas soutenu le Pérou."), "chile SUPPORT peru negated"));
}

TEST_CASE("a reported relation names its source", "[relation]") {
  Document d = bundled().annotate("Selon Washington, Pyongyang aurait livré des missiles à Moscou.", "t",
                                  "2024-06-19");
  // the alleged act, reported by its source, and the source's accusation (asserted)
  REQUIRE(d.relations.size() == 2);
  const Relation* supply = nullptr;
  const Relation* accuse = nullptr;
  for (const auto& r : d.relations) (r.type == RelationType::supply ? supply : accuse) = &r;
  REQUIRE(supply != nullptr);
  REQUIRE(accuse != nullptr);
  CHECK(supply->reported_by == "united_states");
  CHECK(supply->modality == Modality::reported);
  REQUIRE(supply->evidence.size() == 1);
  CHECK(supply->evidence[0].text == "Selon Washington, Pyongyang aurait livré des missiles à Moscou.");
  CHECK(accuse->source == "united_states");
  CHECK(accuse->target == "north_korea");
  CHECK(accuse->modality == Modality::asserted);
}

TEST_CASE("an accusation yields the accused act as reported", "[relation]") {
  auto r = rels("Washington accuse Pyongyang de fournir des armes à Moscou.");
  CHECK(has(r, "united_states ACCUSE north_korea asserted"));
  CHECK(has(r, "north_korea SUPPLY russia reported"));
}

TEST_CASE("no relation where none is stated", "[relation]") {
  CHECK(rels("La France et la Russie sont deux pays d'Europe.").empty());
  CHECK(rels("Le soutien populaire reste fort en Italie.").empty());
  CHECK(rels("Il pleut à Paris.").empty());
  // an intransitive use gives no target, hence no relation
  CHECK(rels("L'Espagne soutient.").empty());
}

TEST_CASE("relations carry trigger, CAMEO, Goldstein, sign and evidence spans", "[relation]") {
  const std::string text = "Le Canada condamne l'Iran.";
  Document d = bundled().annotate(text, "t", "2024-06-19");
  REQUIRE(d.relations.size() == 1);
  const Relation& r = d.relations[0];
  CHECK_FALSE(r.trigger_id.empty());
  CHECK(r.cameo.rfind("11", 0) == 0);
  CHECK(r.goldstein < 0);
  CHECK(r.sign() == -1);
  REQUIRE(r.evidence.size() == 1);
  CHECK(text.substr(r.evidence[0].trigger.begin, r.evidence[0].trigger.size()) == "condamne");
  CHECK(r.evidence[0].sentence.begin == 0);
  CHECK(r.evidence[0].sentence.end == text.size());
}

TEST_CASE("the same relation stated twice is one relation with two evidences", "[relation]") {
  Document d = bundled().annotate(
      "L'Inde devrait soutenir le Népal. Puis l'Inde a soutenu le Népal.", "t", "2024-06-19");
  REQUIRE(d.relations.size() == 1);
  CHECK(d.relations[0].evidence.size() == 2);
  CHECK(d.relations[0].modality == Modality::asserted);  // the most factual wins
}

TEST_CASE("co-occurrences are counted per sentence, apart from typed relations", "[relation]") {
  Document d = bundled().annotate("La France et la Russie. La Russie et la France. Le Japon.", "t", "2024-06-19");
  REQUIRE(d.cooccurrences.size() == 1);
  CHECK(d.cooccurrences[0].a == "france");
  CHECK(d.cooccurrences[0].b == "russia");
  CHECK(d.cooccurrences[0].count == 2);
  CHECK(d.relations.empty());
}

TEST_CASE("pair work per sentence is capped", "[relation]") {
  std::string text;
  for (int i = 0; i < 1500; ++i) text += "la France, la Russie, le Japon, ";
  text += "et la Chine soutient l'Inde.";
  Document d = bundled().annotate(text, "t", "2024-06-19");
  CHECK(d.diagnostics.pair_cap_hits == 1);
  CHECK(d.cooccurrences.size() <= 64 * 63 / 2);
}

TEST_CASE("lexicon files reject malformed rows with file and line", "[relation]") {
  auto bad_cols = TriggerLexicon::from_text("a\tSUPPORT\t051\n", "", "", "dir");
  REQUIRE_FALSE(bad_cols);
  CHECK(bad_cols.error().source == "dir/relations.tsv");
  CHECK(bad_cols.error().line == 1);
  auto bad_type = TriggerLexicon::from_text("a\tLOVE\t051\t3\tx\t_\t-\n", "", "", "dir");
  CHECK(bad_type.error().code == ErrorCode::unknown_type);
  auto bad_num = TriggerLexicon::from_text("a\tSUPPORT\t051\tbeaucoup\tx\t_\t-\n", "", "", "dir");
  CHECK(bad_num.error().code == ErrorCode::parse);
  auto bad_mod = TriggerLexicon::from_text("", "selon\tmaybe\tsentence\n", "", "dir");
  CHECK(bad_mod.error().source == "dir/modality.tsv");
  auto bad_gram = TriggerLexicon::from_text("", "", "adverbs\tvite\n", "dir");
  CHECK(bad_gram.error().code == ErrorCode::unknown_type);
}

// ---------------------------------------------------------------------------------------------
// Constructions added with the second pass over the relation builder (each with a negative case).

TEST_CASE("par followed by an adverb is not a passive agent", "[relation]") {
  auto r = rels("Le Brésil soutient par ailleurs l'Argentine.");
  CHECK(has(r, "brazil SUPPORT argentina asserted"));
  CHECK_FALSE(has(r, "argentina SUPPORT brazil asserted"));
}

TEST_CASE("a bare participle's patient is the actor it follows, or nothing", "[relation]") {
  CHECK(has(rels("La Serbie, soutenue par la Hongrie, proteste."), "hungary SUPPORT serbia asserted"));
  CHECK(has(rels("Le Brésil à la tribune, soutenu par l'Argentine, a plaidé pour la paix."),
            "argentina SUPPORT brazil asserted"));
  // the participle qualifies a noun that is not an actor: no target, no relation
  auto r = rels("La Turquie a reconnu les rebelles soutenus par l'Iran.");
  CHECK(std::none_of(r.begin(), r.end(), [](const std::string& s) { return s.rfind("iran SUPPORT", 0) == 0; }));
}

TEST_CASE("the actor before de + infinitive is the infinitive's subject", "[relation]") {
  auto r = rels("Le Qatar a condamné la décision d'Israël d'attaquer le Liban.");
  CHECK(has(r, "israel ATTACK lebanon asserted"));
  CHECK_FALSE(has(r, "qatar ATTACK lebanon asserted"));
}

TEST_CASE("an object relative: the antecedent is the target", "[relation]") {
  auto r = rels("Emmanuel Macron a rencontré Olaf Scholz, qu'il a remercié pour son accueil.");
  CHECK(has(r, "emmanuel_macron SUPPORT olaf_scholz asserted"));
  CHECK_FALSE(has(r, "olaf_scholz SUPPORT emmanuel_macron asserted"));
  // a completive "que" after an indirect object is not a relative
  auto c = rels("Le Japon a dit à la France que l'Allemagne soutiendrait l'Ukraine.");
  CHECK(has(c, "germany SUPPORT ukraine reported"));
  CHECK_FALSE(has(c, "germany SUPPORT france reported"));
}

TEST_CASE("assurer X de son soutien: the object of the recipient verb is the target", "[relation]") {
  CHECK(has(rels("Le Canada a assuré l'Ukraine de son soutien."), "canada SUPPORT ukraine asserted"));
  CHECK(has(rels("La France a assuré le Mali du soutien de l'Union européenne."),
            "european_union SUPPORT mali asserted"));
  // "a assuré que" is still a report
  auto r = rels("La France a assuré que la Chine soutenait l'Iran.");
  CHECK(has(r, "china SUPPORT iran reported"));
  CHECK_FALSE(has(r, "france SUPPORT china asserted"));
}

TEST_CASE("son allié needs the ally named right after it", "[relation]") {
  CHECK(has(rels("Moscou et son allié, la Biélorussie, ont signé un accord."), "belarus SUPPORT russia asserted"));
  auto r = rels("Washington et ses alliés accusent l'Iran.");
  CHECK(has(r, "united_states ACCUSE iran asserted"));
  CHECK_FALSE(has(r, "iran SUPPORT united_states asserted"));
}

TEST_CASE("sanctions imposed on X are not the sentence subject's", "[relation]") {
  auto r = rels("La Turquie viole les sanctions imposées à l'Iran.");
  CHECK_FALSE(has(r, "turkey SANCTION iran asserted"));
  CHECK(has(rels("Les sanctions imposées à l'Iran par le Canada restent en vigueur."),
            "canada SANCTION iran asserted"));
}

TEST_CASE("trouver un allié en X: X supports the subject", "[relation]") {
  auto r = rels("L'Iran a trouvé un allié fidèle en la Russie.");
  CHECK(has(r, "russia SUPPORT iran asserted"));
  CHECK_FALSE(has(r, "iran SUPPORT russia asserted"));
}

TEST_CASE("contacts with X are a meeting, a conflict with X an attack", "[relation]") {
  CHECK(has(rels("Le Japon a eu des contacts directs avec la Corée du Sud."), "japan MEET south_korea asserted"));
  CHECK(has(rels("Le Japon souhaite des contacts directs avec la Corée du Sud."), "japan MEET south_korea future"));
  // the possessor of "son conflit" is the actor right before the preposition that governs it
  auto r = rels("La Chine soutient la Russie dans son conflit avec l'Ukraine.");
  CHECK(has(r, "russia ATTACK ukraine asserted"));
  CHECK(has(r, "china SUPPORT russia asserted"));
  CHECK_FALSE(has(r, "china ATTACK ukraine asserted"));
}

TEST_CASE("litotes and sans + intensifier are not negations", "[relation]") {
  CHECK(has(rels("La Hongrie n'hésite pas à soutenir la Serbie."), "hungary SUPPORT serbia asserted"));
  CHECK(has(rels("La Hongrie soutient sans réserve la Serbie."), "hungary SUPPORT serbia asserted"));
  CHECK(has(rels("La Hongrie ne soutient pas la Serbie."), "hungary SUPPORT serbia negated"));
  CHECK(has(rels("La Hongrie a agi sans soutenir la Serbie."), "hungary SUPPORT serbia negated"));
}

TEST_CASE("des at the start of a clause is an article", "[relation]") {
  auto r = rels("Dans le Donbass, où des soldats nord-coréens ont participé aux combats contre les forces ukrainiennes.");
  CHECK(has(r, "north_korea ATTACK ukraine asserted"));
}

TEST_CASE("cette rencontre refers back to the last meeting", "[relation]") {
  auto r = rels("La visite de Wang Yi à Moscou a duré deux jours. Lors de cette rencontre, Vladimir Poutine a salué "
                "le rôle de la Chine.");
  CHECK(has(r, "vladimir_putin MEET wang_yi asserted"));
  // no earlier meeting: nothing to refer to
  auto none = rels("Lors de cette rencontre, Vladimir Poutine a parlé longuement.");
  CHECK(std::none_of(none.begin(), none.end(), [](const std::string& s) { return s.find(" MEET ") != std::string::npos; }));
}

TEST_CASE("an accusation without a target accuses the subject of the following que-clause", "[relation]") {
  auto r = rels("Les États-Unis ont renouvelé leurs accusations, affirmant que l'Iran arme le Hezbollah.");
  CHECK(has(r, "united_states ACCUSE iran asserted"));
  // with its own target, the accusation keeps it
  auto own = rels("Le Japon a renouvelé ses accusations contre la Chine, affirmant que la Russie ment.");
  CHECK(has(own, "japan ACCUSE china asserted"));
  CHECK_FALSE(has(own, "japan ACCUSE russia asserted"));
}

TEST_CASE("a sentence whose subject is a pronoun passes its antecedent on", "[relation]") {
  auto r = rels("Vladimir Poutine a pris la parole. Il loue la Chine. Enfin, il a appelé à une coopération "
                "plus étroite avec l'Inde.");
  CHECK(has(r, "vladimir_putin SUPPORT china asserted"));
  CHECK(has(r, "india COOPERATE vladimir_putin future"));  // "appeler à" is a wish
  CHECK_FALSE(has(r, "china COOPERATE india asserted"));
}

TEST_CASE("lists of subjects and coordinated agents all act", "[relation]") {
  auto r = rels("Paris, Londres et Berlin accusent Téhéran.");
  CHECK(has(r, "france ACCUSE iran asserted"));
  CHECK(has(r, "united_kingdom ACCUSE iran asserted"));
  CHECK(has(r, "germany ACCUSE iran asserted"));
  auto p = rels("L'Iran a été critiqué par Washington et Londres.");
  CHECK(has(p, "united_states CRITICIZE iran asserted"));
  CHECK(has(p, "united_kingdom CRITICIZE iran asserted"));
  auto q = rels("Moscou et Pékin, qui soutiennent Téhéran, protestent.");
  CHECK(has(q, "russia SUPPORT iran asserted"));
  CHECK(has(q, "china SUPPORT iran asserted"));
  // a comma list that is not the subject does not act
  auto n = rels("Le Brésil, selon l'Inde et la Chine, soutient l'Argentine.");
  CHECK_FALSE(has(n, "india SUPPORT argentina asserted"));
}

TEST_CASE("a demonym adjective on the trigger noun is its source, coordinated ones too", "[relation]") {
  CHECK(has(rels("L'invasion russe de l'Ukraine a choqué le monde."), "russia ATTACK ukraine asserted"));
  auto r = rels("Les frappes israéliennes et américaines contre l'Iran ont repris.");
  CHECK(has(r, "israel ATTACK iran asserted"));
  CHECK(has(r, "united_states ATTACK iran asserted"));
  // a demonym after a noun that names no actor is no actor
  CHECK(rels("Les vins italiens et français contre l'Iran.").empty());
}

TEST_CASE("the agent of a direct object's participle is the target", "[relation]") {
  CHECK(has(rels("Le Canada a dénoncé l'intimidation pratiquée par Pékin."), "canada CRITICIZE china asserted"));
  CHECK(has(rels("Le Canada a dénoncé la politique de Pékin."), "canada CRITICIZE china asserted"));
}

TEST_CASE("a symmetric relation between the two actors after entre", "[relation]") {
  auto r = rels("Le ministre signera un accord de défense entre le Mali et la Russie.");
  CHECK(has(r, "mali COOPERATE russia future"));
  // without entre, the subject and the object as usual
  CHECK(has(rels("Le Mali a signé un accord avec la Russie."), "mali COOPERATE russia asserted"));
}

TEST_CASE("state vessels and units act for their state", "[relation]") {
  CHECK(has(rels("Des navires chinois ont attaqué un bâtiment philippin."), "china ATTACK philippines asserted"));
}

TEST_CASE("the owner of a direct object needs a direct object", "[relation]") {
  // "accuse de se réarmer avec l'aide de l'Iran": no article after the verb, no object owner
  auto r = rels("Israël accuse de se réarmer avec l'aide de l'Iran.");
  CHECK_FALSE(has(r, "israel ACCUSE iran asserted"));
  CHECK(has(rels("Israël critique la politique de l'Iran."), "israel CRITICIZE iran asserted"));
}

TEST_CASE("the target is not searched beyond an adjunct's « lors »", "[relation]") {
  // « à Moscou » belongs to « une visite », not to « a fourni »
  auto r = rels("Le Qatar a fourni des drones, lors d’une visite à Moscou.");
  CHECK_FALSE(has(r, "qatar SUPPLY russia asserted"));
  // before « lors », the target is found as ever
  CHECK(has(rels("Le Qatar a fourni des drones à l’Égypte lors d’une visite à Moscou."), "qatar SUPPLY egypt asserted"));
}

TEST_CASE("a reflexive verb after two coordinated subjects is reciprocal", "[relation]") {
  auto r = rels("Pékin et Manille s’accusent mutuellement de provocations.");
  CHECK(has(r, "china ACCUSE philippines asserted"));
  CHECK(has(r, "philippines ACCUSE china asserted"));
  r = rels("La Chine et la Russie se soutiennent.");
  CHECK(has(r, "china SUPPORT russia asserted"));
  CHECK(has(r, "russia SUPPORT china asserted"));
  // one subject, a reflexive elsewhere: no reciprocal
  CHECK(rels("La Chine soutient la Russie et se félicite.") == std::vector<std::string>{"china SUPPORT russia asserted"});
}

TEST_CASE("the speaker after a report cue that follows the statement is its source", "[relation]") {
  auto source_of = [](std::string_view text) {
    const Document d = bundled().annotate(text, "t", "2024-06-19");
    REQUIRE(d.relations.size() == 1);
    CHECK(d.relations[0].modality == Modality::reported);
    return d.relations[0].reported_by;
  };
  CHECK(source_of("La Chine soutient la Russie, a indiqué Sergueï Lavrov.") == "sergey_lavrov");
  CHECK(source_of("« La Chine soutient la Russie », a déclaré dimanche le porte-parole du Kremlin, Dmitri Peskov.") ==
        "dmitry_peskov");
  // the speaker is not a complement of the cue: « à l'AFP » is whom he spoke to
  CHECK(source_of("La Chine soutient la Russie, a déclaré à l’AFP un diplomate.").empty());
}

TEST_CASE("a demonym adjective on the criticized act names its author", "[relation]") {
  // actor nouns of grammar.tsv: « frappe », « tirs », « politique », « menaces »...
  CHECK(has(rels("Kiev dénonce une frappe russe meurtrière sur Kharkiv."), "ukraine CRITICIZE russia asserted"));
  // a frame trigger that ends in the noun (« condamne les tirs ») takes the adjective after it
  CHECK(has(rels("Le Japon condamne les tirs nord-coréens."), "japan CRITICIZE north_korea asserted"));
  CHECK(has(rels("Le Japon dénonce la politique chinoise."), "japan CRITICIZE china asserted"));
  // not an adjective of another noun: « les tirs de soldats » names no state
  CHECK(rels("Le Japon condamne les tirs de soldats inconnus.").empty());
}

TEST_CASE("verbs coordinated by « et » share their subject and keep their own objects", "[relation]") {
  // the second verb's subject is the first verb's, not the first verb's object
  expect("Le Canada a accusé la Chine de tricher et mis en garde le Japon contre toute provocation.",
         {"canada ACCUSE china asserted", "canada CRITICIZE japan asserted"},
         // … nor reported by the accuser: it is the accuser's own act
         {"china CRITICIZE japan asserted", "canada CRITICIZE japan reported"});
  // the first verb's direct object is before « et »: the second verb's object is not it
  expect("Le Chili a condamné des manœuvres irresponsables et remercié le Pérou pour son soutien.",
         {"chile SUPPORT peru asserted"},
         {"chile CRITICIZE peru asserted"});
  // with an auxiliary after « et »
  expect("Le Chili a condamné des manœuvres et a remercié le Pérou.",
         {"chile SUPPORT peru asserted"},
         {"chile CRITICIZE peru asserted"});
  // two verbs with nothing between them share the object
  expect("Le Chili a critiqué et condamné le Pérou.", {"chile CRITICIZE peru asserted"});
  // a coordinated actor is no second verb: « et le Pérou » is the first verb's second object
  expect("Le Chili a condamné la Bolivie et le Pérou.",
         {"chile CRITICIZE bolivia asserted", "chile CRITICIZE peru asserted"});
}

TEST_CASE("an actor inside a relative clause between commas is not the subject after it", "[relation]") {
  expect("Le Soudan, qui combat les Émirats arabes unis depuis 2023, accuse le Tchad d’ingérence.",
         {"sudan ATTACK united_arab_emirates asserted", "sudan ACCUSE chad asserted"},
         {"united_arab_emirates ACCUSE chad asserted"});
  // « dont » opens a relative clause too
  expect("Le Mali, dont le Niger est voisin, critique la France.",
         {"mali CRITICIZE france asserted"},
         {"niger CRITICIZE france asserted"});
  // an apposition that is no relative clause leaves the nearest subject as it was
  expect("Le Tchad, le Niger, critique la France.", {"niger CRITICIZE france asserted"});
}

TEST_CASE("the accuser's own later act in the sentence is not part of the accusation", "[relation]") {
  expect("Le Mali, qui accuse la France de déstabiliser le pays, a reçu le Niger.",
         {"mali ACCUSE france asserted", "mali MEET niger asserted"});
  // the accused's alleged act still is
  expect("Le Mali accuse la France d'avoir livré des armes au Niger.", {"france SUPPLY niger reported"});
}

TEST_CASE("selling or buying military materiel other than « armes » is SUPPLY", "[relation]") {
  expect("La France a vendu des radars et des véhicules blindés à l'Arménie.", {"france SUPPLY armenia asserted"});
  expect("L'Inde a acheté des hélicoptères de combat à la Russie.", {"russia SUPPLY india asserted"});
  expect("Le Maroc a reçu des drones armés de la Turquie.", {"turkey SUPPLY morocco asserted"});
  // selling anything else is trade, not SUPPLY
  CHECK(rels("La France a vendu des céréales à l'Arménie.").empty());
}

TEST_CASE("only « selon X » makes X the accuser of an alleged act, not a speaker after the statement", "[relation]") {
  expect("Selon la France, la Russie aurait livré des armes au Mali.", {"france ACCUSE russia asserted"});
  expect("La Russie aurait livré des armes au Mali, a précisé la France.",
         {"russia SUPPLY mali reported"},
         {"france ACCUSE russia asserted"});
}

TEST_CASE("a participle after « et » is a second verb whose object is its own", "[relation]") {
  // « appelé » is no trigger, but it is a verb: the Hungary is not thanked
  expect("Le Chili a remercié les Vingt-Six pour leur soutien et appelé le Pérou à la retenue.",
         {},
         {"chile SUPPORT peru asserted"});
  // an irregular participle of grammar class `participle`
  expect("Le Chili a condamné des manœuvres et pris le Pérou à témoin.", {}, {"chile CRITICIZE peru asserted"});
  // a noun after « et » is no verb: « et la Bolivie » is still the object
  expect("Le Chili a remercié le Pérou et la Bolivie.",
         {"chile SUPPORT peru asserted", "chile SUPPORT bolivia asserted"});
}

TEST_CASE("an actor named only by a demonym adjective is an entity of the document", "[relation]") {
  const Document d = bundled().annotate("Le Canada condamne les frappes nord-coréennes.", "t", "2024-06-19");
  REQUIRE(d.relations.size() == 1);
  CHECK(d.relations[0].target == "north_korea");
  const Entity* e = d.find_entity("north_korea");
  REQUIRE(e != nullptr);
  CHECK(e->mentions.empty());
  CHECK(e->type == EntityType::state);
  CHECK(e->known);
  CHECK_FALSE(e->name.empty());
}

TEST_CASE("an actor after « de » and a noun of place or target takes the preposition before the noun", "[relation]") {
  expect("Le Hezbollah a tiré des roquettes sur le nord d’Israël.", {"hezbollah ATTACK israel asserted"});
  expect("Israël a mené des frappes contre des positions du Hezbollah.", {"israel ATTACK hezbollah asserted"});
  // the owner of a direct object that starts with the article « des »
  expect("La Turquie a bombardé des bases du PKK.", {"turkey ATTACK pkk asserted"});
  // a noun that is no place keeps « de »: the target of « sur » is not Israel's ally
  expect("Le Hezbollah a tiré des roquettes sur le chef d’Israël.", {}, {"hezbollah ATTACK israel asserted"});
}

TEST_CASE("a modality cue inside a relative clause closed before the trigger is the clause's", "[relation]") {
  // « a promis de » is a future cue, but of the relative clause
  expect("Le Hezbollah, qui a promis de riposter, a tiré des roquettes sur Israël.", {"hezbollah ATTACK israel asserted"});
  // without the commas, the promise governs the verb
  expect("Le Hezbollah a promis de tirer des roquettes sur Israël.", {"hezbollah ATTACK israel future"});
}

TEST_CASE("« aux côtés de » introduces the one stood or fought for", "[relation]") {
  // « côtés » folds like « côtes »: no class of grammar.tsv may take it for a place
  expect("La Corée du Nord se tient aux côtés de la Russie.", {"north_korea SUPPORT russia asserted"});
  expect("Des soldats nord-coréens ont combattu aux côtés des forces russes dans la région de Koursk.",
         {"north_korea SUPPLY russia asserted"});
  expect("Le Rwanda combat aux côtés du M23.", {"rwanda SUPPLY m23 asserted"});
  // fighting a country is still an attack
  expect("La Corée du Nord a combattu la Russie.", {"north_korea ATTACK russia asserted"});
}

TEST_CASE("« devant » introduces no target", "[relation]") {
  expect("Le Mali a dénoncé devant les Nations unies une agression et réclamé des sanctions contre le Niger.",
         {},
         // the noun's complements end at « et » + a participle: the sanctions are the subject's
         {"mali CRITICIZE united_nations asserted", "united_nations SANCTION niger future"});
}

TEST_CASE("a symmetric relation without a target relates every pair of coordinated subjects", "[relation]") {
  expect("Le Mali, le Burkina Faso et le Niger ont signé un accord.",
         {"burkina_faso COOPERATE mali asserted", "burkina_faso COOPERATE niger asserted",
          "mali COOPERATE niger asserted"});
  // a noun whose plural possessor is the group
  expect("Les États-Unis, le Japon et les Philippines ont lancé lundi, au large de Luçon, leurs exercices navals conjoints.",
         {"japan COOPERATE philippines asserted", "japan COOPERATE united_states asserted", "philippines COOPERATE united_states asserted"});
  // two subjects: one pair, as before
  CHECK(rels("La France et l'Allemagne ont signé un accord.") ==
        std::vector<std::string>{"france COOPERATE germany asserted"});
}

TEST_CASE("an actor after a preposition is no member of a list of subjects", "[relation]") {
  // « Selon l'OTAN, » is the report's source, not a third party to the meeting
  expect("Selon l'OTAN, la France et l'Allemagne devraient se rencontrer.",
         {"france MEET germany future"},
         {"france MEET nato future", "germany MEET nato future"});
  // and no accuser: « Paris, Londres et Berlin accusent » but not « Selon Rome, Londres et Berlin »
  expect("Selon l'Italie, la France et l'Allemagne accusent l'Iran.",
         {"germany ACCUSE iran reported"},
         {"italy ACCUSE iran asserted"});
}

TEST_CASE("two coordinated subjects and a symmetric noun with their possessive", "[relation]") {
  expect("La France et l'Allemagne ont renforcé lundi leurs exercices conjoints.", {"france COOPERATE germany asserted"});
}

TEST_CASE("recognizing a state is SUPPORT, recognizing a fact is not", "[relation]") {
  expect("La France a reconnu l'État de Palestine.", {"france SUPPORT palestine asserted"});
  expect("L'Espagne a officiellement reconnu la Palestine en mai.", {"spain SUPPORT palestine asserted"});
  // the actor after the completive's « que » is the clause's subject, not the verb's object
  CHECK(rels("L'Espagne a reconnu que la Palestine traversait une crise.").empty());
  expect("Le Japon soutient que la Chine ment.", {}, {"japan SUPPORT china asserted"});
}

TEST_CASE("a demonym adjective after entities, companies, cities or territory names its state", "[relation]") {
  expect("Washington a sanctionné plusieurs entités chinoises.", {"united_states SANCTION china asserted"});
  expect("La Russie a bombardé des villes ukrainiennes.", {"russia ATTACK ukraine asserted"});
  expect("L'Ukraine a frappé le territoire russe.", {"ukraine ATTACK russia asserted"});
}

TEST_CASE("a participle clause after coordinated subjects is all of theirs", "[relation]") {
  expect("La France, le Royaume-Uni et l'Allemagne ont déclenché le mécanisme, accusant l'Iran de tricher.",
         {"france ACCUSE iran asserted", "united_kingdom ACCUSE iran asserted", "germany ACCUSE iran asserted"});
  // one subject: only it
  expect("La France a déclenché le mécanisme avec l'Allemagne, accusant l'Iran de tricher.",
         {"france ACCUSE iran asserted"},
         {"germany ACCUSE iran asserted"});
}

TEST_CASE("a demonym adjective after a decision or an initiative names its author", "[relation]") {
  expect("La Russie et la Chine ont condamné l'initiative européenne.",
         {"russia CRITICIZE europeans asserted", "china CRITICIZE europeans asserted"});
  // a number between the preposition and the noun is skipped like an article
  expect("Israël a salué la décision des trois pays européens.", {"israel SUPPORT europeans asserted"});
}

TEST_CASE("« aux côtés de » is the recipient of troops sent, and a verb that is no trigger joins its subjects", "[relation]") {
  expect("Il a évoqué l’envoi de troupes nord-coréennes aux côtés des forces russes.", {"north_korea SUPPLY russia asserted"});
  expect("La Corée du Nord a envoyé des troupes aux côtés de la Russie.", {"north_korea SUPPLY russia asserted"});
  // « signé l'an dernier un pacte »: the frame is broken, the noun relates the two subjects
  expect("Moscou et Pyongyang ont signé l’an dernier un pacte de défense mutuelle.", {"north_korea COOPERATE russia asserted"});
  // but not when a trigger verb of its own comes between: they criticize the agreement together
  CHECK(rels("La France et l'Allemagne ont critiqué l'accord.").empty());
}

TEST_CASE("a day or an adverb inside a trigger phrase does not break it", "[relation]") {
  expect("La Russie a livré jeudi des armes à la Syrie.", {"russia SUPPLY syria asserted"});
  expect("La France a signé mardi un accord avec le Maroc.", {"france COOPERATE morocco asserted"});
  expect("Le Hezbollah a tiré dimanche une salve de roquettes sur Israël.", {"hezbollah ATTACK israel asserted"});
  // a negation cue with an adverb inside it (« n'a toujours pas »)
  expect("La Russie n'a toujours pas livré des armes à la Syrie.", {"russia SUPPLY syria negated"});
}

TEST_CASE("a demonym adjective on a noun trigger is its source, not the clause's subject", "[relation]") {
  // Hungary blocks the European sanctions: it sanctions no one
  expect("La Hongrie a bloqué l’adoption du paquet de sanctions européennes contre Moscou.",
         {"europeans SANCTION russia asserted"}, {"hungary SANCTION russia asserted"});
  expect("Les sanctions américaines contre l'Iran ont été renforcées.", {"united_states SANCTION iran asserted"});
}

TEST_CASE("a noun trigger that is the object of a trigger verb is not the subject's act", "[relation]") {
  // New Delhi neither invades Ukraine nor criticizes it: the invasion is someone else's
  CHECK(rels("L'Inde a refusé de condamner l'invasion de l'Ukraine.").empty());
  // the invader named: the noun has its source, the criticism its target is no victim
  expect("L'Inde a condamné l'invasion de l'Ukraine par la Russie.", {"russia ATTACK ukraine asserted"},
         {"india CRITICIZE ukraine asserted", "india ATTACK ukraine asserted"});
  // the owner of an object that is no attack noun is still the target
  expect("Israël critique la politique de l'Iran.", {"israel CRITICIZE iran asserted"});
}

TEST_CASE("« les deux dirigeants », « les deux pays » are the last two persons or states named", "[relation]") {
  expect("Vladimir Poutine a reçu mercredi Narendra Modi. Les deux dirigeants ont signé un accord.",
         {"narendra_modi COOPERATE vladimir_putin asserted"});
  expect("La France a rencontré l'Allemagne. Les deux pays ont condamné l'Iran.",
         {"france CRITICIZE iran asserted", "germany CRITICIZE iran asserted"});
  // persons for « hommes », not the states named since
  expect("Kim Jong-un a reçu Sergueï Lavrov. La Corée du Nord soutient la Russie. Les deux hommes ont discuté.",
         {"kim_jong_un MEET sergey_lavrov asserted"}, {"north_korea MEET russia asserted"});
  // one person named: no pair
  CHECK(rels("Emmanuel Macron a parlé. Les deux dirigeants ont signé un accord.").empty());
  // « leurs deux pays » is not the pair named last (the persons' countries)
  expect("La Russie a envahi l'Ukraine. Poutine et Kim ont dit que leurs deux pays renforceraient leurs liens.",
         {}, {"russia COOPERATE ukraine future"});
}

TEST_CASE("a participle clause after a comma is the subject's own act", "[relation][modality]") {
  // a denial before it, or after it past a comma, is not about it
  expect("Téhéran a rejeté ces accusations, dénonçant l’hypocrisie des Européens.",
         {"iran CRITICIZE europeans asserted"}, {"iran CRITICIZE europeans negated"});
  expect("Alger a rejeté ces accusations, dénonçant les dérives de la junte malienne, et a démenti avoir aidé les rebelles.",
         {"algeria CRITICIZE mali asserted"}, {"algeria CRITICIZE mali negated"});
  // nor a « ne … pas » of the clause before it
  expect("Le Japon n'a pas réagi, dénonçant plus tard la Chine.", {"japan CRITICIZE china asserted"},
         {"japan CRITICIZE china negated"});
  // a denial inside the clause is its own
  expect("Le Japon a réagi, niant avoir critiqué la Chine.", {"japan CRITICIZE china negated"});
  // the object of the verb before the comma is not searched inside the clause
  expect("Le Japon a défendu sa participation, dénonçant les tentatives chinoises de changer le statu quo.",
         {"japan CRITICIZE china asserted"}, {"japan SUPPORT china asserted"});
  // but a noun's content may be there: « leurs accusations, affirmant que … »
  expect("Les États-Unis ont renouvelé leurs accusations, affirmant que la Russie avait cherché des armes.",
         {"united_states ACCUSE russia asserted"});
}

TEST_CASE("a demonym adjective on what an actor does or wants names that actor", "[relation]") {
  expect("Varsovie a dénoncé les tentatives chinoises de modifier le statu quo.", {"poland CRITICIZE china asserted"});
  expect("Le Canada condamne les activités russes dans l'Arctique.", {"canada CRITICIZE russia asserted"});
  expect("La Lituanie dénonce le chantage biélorusse.", {"lithuania CRITICIZE belarus asserted"});
}

TEST_CASE("the accused of a passive accusation does the alleged act", "[relation][passive]") {
  // the agent accuses; the subject of « de + infinitive » is the accused, as in the active voice
  expect("Pékin a été accusé par Washington de soutenir Moscou.",
         {"united_states ACCUSE china asserted", "china SUPPORT russia reported"},
         {"united_states SUPPORT russia asserted"});
  expect("Washington accuse Pékin de soutenir Moscou.", {"china SUPPORT russia reported"});
  // « d'avoir livré »: past the auxiliary
  expect("L’Iran est accusé par Israël d’avoir livré des missiles au Hezbollah.",
         {"israel ACCUSE iran asserted", "iran SUPPLY hezbollah reported"});
  // no agent: nobody named accuses, and the act after « de » is no target
  expect("Pékin est accusé de soutenir Moscou.", {"china SUPPORT russia reported"}, {"china ACCUSE russia asserted"});
  CHECK(rels("La Russie a été sanctionnée.").empty());
  // être after a reflexive pronoun, or before a predicate noun, is no passive
  expect("La Chine s’est entretenue avec la Russie.", {"china MEET russia asserted"});
  expect("Le Japon est allié des États-Unis.", {"japan SUPPORT united_states asserted"});
  // a day between the participle and its agent
  expect("DJI a été sanctionné mardi par les États-Unis.", {"united_states SANCTION dji asserted"});
}

TEST_CASE("visits and meetings: « retrouver X », « être attendu à X »", "[relation]") {
  expect("Volodymyr Zelensky devrait retrouver la semaine prochaine le chancelier allemand, Friedrich Merz.",
         {"friedrich_merz MEET volodymyr_zelensky future"});
  expect("Marco Rubio est attendu mercredi à Doha.", {"marco_rubio MEET qatar future"});
  expect("Des émissaires israéliens étaient attendus au Caire.", {"egypt MEET israel future"});
}

TEST_CASE("a list of targets: every member is a target", "[relation][coordination]") {
  expect("Le Canada a condamné la Russie, l’Iran et la Corée du Nord.",
         {"canada CRITICIZE russia asserted", "canada CRITICIZE iran asserted", "canada CRITICIZE north_korea asserted"});
  expect("La Russie fournit des armes au Mali, au Burkina Faso et au Niger.",
         {"russia SUPPLY mali asserted", "russia SUPPLY burkina_faso asserted", "russia SUPPLY niger asserted"});
  // demonym adjectives joined by commas
  expect("La Russie fournit des armes aux armées malienne, burkinabè et nigérienne.",
         {"russia SUPPLY mali asserted", "russia SUPPLY burkina_faso asserted", "russia SUPPLY niger asserted"});
  // a noun trigger's targets too
  expect("Washington a imposé des sanctions contre la Russie, l’Iran et la Chine.",
         {"united_states SANCTION russia asserted", "united_states SANCTION iran asserted",
          "united_states SANCTION china asserted"});
  // an apposition after a comma is no list member
  expect("La Russie a condamné la Chine, alliée de la Corée du Nord.", {"russia CRITICIZE china asserted"},
         {"russia CRITICIZE north_korea asserted"});
  // nor is a list without « et »
  expect("Le Canada a condamné la Russie, l’Iran.", {"canada CRITICIZE russia asserted"},
         {"canada CRITICIZE iran asserted"});
}

TEST_CASE("adjectives coordinated with a noun trigger's own are its sources", "[relation][coordination]") {
  expect("Les frappes israéliennes, américaines et britanniques contre le Yémen ont repris.",
         {"israel ATTACK yemen asserted", "united_states ATTACK yemen asserted", "united_kingdom ATTACK yemen asserted"},
         {"israel ATTACK united_states asserted"});
  expect("Les frappes israéliennes, américaines et britanniques visent le Yémen.",
         {"united_kingdom ATTACK yemen asserted"}, {"israel ATTACK united_states asserted"});
}

TEST_CASE("a government noun stands for the state named after it, behind a preposition too", "[relation]") {
  expect("La Russie et la Chine ont apporté leur soutien au gouvernement de Caracas.",
         {"russia SUPPORT venezuela asserted", "china SUPPORT venezuela asserted"});
  expect("Paris a livré des armes aux autorités de Kiev.", {"france SUPPLY ukraine asserted"});
}

TEST_CASE("the full stop of « M. » is part of the title", "[relation]") {
  // a target behind a preposition and « M. »
  expect("Nikol Pachinian est arrivé. Emmanuel Macron s’est entretenu avec M. Pachinian.",
         {"emmanuel_macron MEET nikol_pashinyan asserted"});
  // the owner of a direct object, behind an adverb, two coordinated nouns and « M. »
  expect("Kim Jong-un est là. Il loue notamment la bonne décision et direction de M. Poutine.",
         {"kim_jong_un SUPPORT vladimir_putin asserted"});
  // « et » before a verb and its object is a second clause, not a second noun
  expect("La Chine a salué la décision et la Russie a critiqué Washington.",
         {"russia CRITICIZE united_states asserted"}, {"china SUPPORT russia asserted"});
}

TEST_CASE("named members of a group that an adjective names are targets too", "[relation][coordination]") {
  expect("Pékin a sanctionné trois entreprises américaines de défense, dont Lockheed Martin.",
         {"china SANCTION lockheed_martin asserted"});
  expect("Pékin a sanctionné des entreprises américaines, notamment Lockheed Martin et Raytheon.",
         {"china SANCTION lockheed_martin asserted", "china SANCTION rtx asserted"});
}

TEST_CASE("« puis » joins targets and subjects like « et »", "[relation][coordination]") {
  expect("Le Kremlin a accusé Kiev puis Londres d’avoir saboté le gazoduc.",
         {"kremlin ACCUSE ukraine asserted", "kremlin ACCUSE united_kingdom asserted"});
  expect("Poutine puis Xi Jinping ont critiqué les États-Unis.",
         {"vladimir_putin CRITICIZE united_states asserted", "xi_jinping CRITICIZE united_states asserted"});
}

TEST_CASE("a second verb shares the subject of a first verb whose form is also a noun", "[relation][coordination]") {
  // « rencontré » sits in a noun row (rencontre/rencontré); after « a » it is a verb all the same
  expect("Emmanuel Macron a rencontré Vladimir Poutine, puis a critiqué la Chine.",
         {"emmanuel_macron MEET vladimir_putin asserted", "emmanuel_macron CRITICIZE china asserted"},
         {"vladimir_putin CRITICIZE china asserted"});
  expect("Emmanuel Macron a rencontré Vladimir Poutine et a critiqué la Chine.",
         {"emmanuel_macron CRITICIZE china asserted"}, {"vladimir_putin CRITICIZE china asserted"});
}

TEST_CASE("an infinitive of purpose or time has the main verb's subject", "[relation]") {
  expect("Emmanuel Macron a rencontré Vladimir Poutine, avant de critiquer la Chine.",
         {"emmanuel_macron CRITICIZE china asserted"}, {"vladimir_putin CRITICIZE china asserted"});
  expect("Emmanuel Macron a reçu Volodymyr Zelensky pour soutenir l’Ukraine.",
         {"emmanuel_macron SUPPORT ukraine asserted"}, {"volodymyr_zelensky SUPPORT ukraine asserted"});
  expect("Emmanuel Macron a rencontré Vladimir Poutine après avoir critiqué la Chine.",
         {"emmanuel_macron CRITICIZE china asserted"}, {"vladimir_putin CRITICIZE china asserted"});
  // « accuser X de + infinitive » keeps X as the subject
  expect("La Russie a accusé l’Ukraine de soutenir la Pologne.", {"ukraine SUPPORT poland reported"});
}

TEST_CASE("a number stands for « des » inside a trigger phrase", "[relation]") {
  expect("L’armée russe a lancé 400 drones sur l’Ukraine.", {"russia ATTACK ukraine asserted"});
  expect("La France a livré trois chars à l’Ukraine.", {"france SUPPLY ukraine asserted"});
  expect("Washington a imposé 12 sanctions à Moscou.", {"united_states SANCTION russia asserted"});
  // a number outside a phrase changes nothing
  CHECK(rels("La France compte 12 ministres et l’Ukraine trois.").empty());
}

TEST_CASE("a press conference with someone is a meeting, and the setting of a statement is no report", "[relation][modality]") {
  expect("Emmanuel Macron et Olaf Scholz ont donné une conférence de presse commune.",
         {"emmanuel_macron MEET olaf_scholz asserted"});
  // « lors d'une … »: the meeting is where the speaker spoke, not what was said
  expect("« Nous ne laisserons pas tomber l’Ukraine », a déclaré Friedrich Merz lors d’une conférence de presse "
         "avec Volodymyr Zelensky.",
         {"friedrich_merz MEET volodymyr_zelensky asserted"}, {"friedrich_merz MEET volodymyr_zelensky reported"});
  // what was said is still reported
  expect("Friedrich Merz a déclaré lors d’une visite à Kiev que l’Allemagne soutient la Pologne.",
         {"germany SUPPORT poland reported"});
}

TEST_CASE("criticizing an act between two actors criticizes both", "[relation][coordination]") {
  expect("Kim Yo-jong a dénoncé des manœuvres militaires conjointes « hostiles » entre Washington et Séoul.",
         {"kim_yo_jong CRITICIZE united_states asserted", "kim_yo_jong CRITICIZE south_korea asserted"});
  // through a frame that ends in the act's noun
  expect("Kim Yo-jong a dénoncé les exercices militaires entre Washington et Séoul.",
         {"kim_yo_jong CRITICIZE united_states asserted", "kim_yo_jong CRITICIZE south_korea asserted"});
  expect("Pékin a critiqué le rapprochement entre Washington et Manille.",
         {"china CRITICIZE united_states asserted", "china CRITICIZE philippines asserted"});
  // not past punctuation, and not for praise
  expect("Pékin a critiqué la décision, entre Washington et Manille.", {}, {"china CRITICIZE united_states asserted"});
  expect("Pékin a salué le rapprochement entre Washington et Manille.", {}, {"china SUPPORT united_states asserted"});
}
