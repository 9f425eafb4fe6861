"""Synthetic archives of a French university's graduates ("archives des diplômés").

    python -m benchmarks.graduates PATH COUNT [--seed N] [--faulty F] [--xlsx]
                                   [--encoding cp1252] [--bom]

An archive holds one row per degree awarded, in the columns of ``HEADERS`` (the
headers the import reads, ``members.archives.columns``): a unique 8-digit student
number whose first two digits are the year the student enrolled, the family name,
the given names and, for about 15 % of the graduates, a birth name; the birth date
(day/month/year, 20 to 30 years before the graduation); for about 60 % of them one
or two e-mail addresses (separated by a space) made from the names; the programme
with its degree, discipline and faculty; the graduation year (1970–2025, recent
years more frequent, each degree only in the years it was awarded: the DEUG,
Maîtrise, DEA and DESS until 2006, the Master from 2004, the BUT from 2024); and for
about 40 % of them a city and its ISO 3166 country code.

The names are those of France's population: most are French (Nord and Flanders,
Brittany, Alsace, Corsica, the Basque Country), others of Portuguese, Italian,
Spanish, Polish, Maghrebi, West and Central African, Vietnamese, Chinese, Turkish or
Armenian origin, with their accents, apostrophes and particles (N'Diaye, de La
Fontaine), and given names in the fashion of each generation. Every character is in
Windows-1252, so that the archive can be written in that encoding, as Excel does in
France.

A fraction ``faulty`` of the rows (5 % unless told, rounded to a whole number of
rows, spread at random) carries exactly one fault, of a kind of ``FAULTS`` drawn at
random: the rows an import must reject or warn about. The same seed gives the same
archive; rows are generated one at a time, so that even the largest archive
(``MAX_COUNT`` rows) is written in constant memory.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import random
import unicodedata
from bisect import bisect
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

HEADERS: tuple[str, ...] = (
    "numero_etudiant",
    "nom",
    "prenoms",
    "nom_naissance",
    "date_naissance",
    "courriels",
    "formation",
    "diplome",
    "discipline",
    "composante",
    "annee_diplome",
    "ville",
    "pays",
)
NUMBER, FAMILY, GIVEN, BIRTH_NAME, BIRTH_DATE, EMAILS, PROGRAMME = range(7)
YEAR = HEADERS.index("annee_diplome")

FAULTS: tuple[str, ...] = (
    "impossible_date",  # 31/02/1994, 00/13/1990
    "born_after_graduation",  # the birth year after the graduation year
    "invalid_email",  # jean.dupont@, pas-une-adresse, a@b@c.fr
    "missing_name",  # no family name (nor birth name)
    "missing_programme",  # no formation
    "year_not_a_number",  # 20l5, 2O10
    "year_out_of_range",  # 1789, 2099
    "duplicate_number",  # the student number of an earlier row, another person's
    "missing_number",  # no student number
    "too_long",  # a family name of 300 characters
)
FIRST_YEAR, LAST_YEAR = 1970, 2025
MAX_COUNT = 5_000_000
"""Student numbers stay unique up to this many rows (a million per enrolment year)."""

T = TypeVar("T")


class Weighted(Generic[T]):
    """Items drawn at random in proportion to their weights."""

    __slots__ = ("cumulated", "items", "total")

    def __init__(self, pairs: Iterable[tuple[T, float]]):
        self.items: list[T] = []
        self.cumulated: list[float] = []
        total = 0.0
        for item, weight in pairs:
            if weight > 0:
                total += weight
                self.items.append(item)
                self.cumulated.append(total)
        self.total = total

    def pick(self, draw: Callable[[], float]) -> T:
        """An item, drawn with ``draw`` (``random.Random.random``)."""
        return self.items[bisect(self.cumulated, draw() * self.total)]


def _names(text: str) -> tuple[str, ...]:
    """The comma-separated names of ``text``, most frequent first."""
    return tuple(name.strip() for name in text.split(",") if name.strip())


def _frequent(names: Sequence[T], share: float = 1.0) -> Iterator[tuple[T, float]]:
    """``names`` with Zipf-like weights summing to ``share``: the first ones most frequent."""
    weights = [1 / (rank + 4) for rank in range(len(names))]
    total = sum(weights)
    return ((name, share * weight / total) for name, weight in zip(names, weights, strict=True))


def ascii_slug(name: str) -> str:
    """``name`` for an e-mail address: "Lefèvre" → "lefevre", "de La Fontaine" → "delafontaine"."""
    text = name.lower().replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(char for char in text if char.isalnum() or char == "-")


# Family names, by origin: the share of the population, the names (most frequent
# first), how often the given names are the origin's own rather than France's, and
# those given names (female, then male).
class Origin(NamedTuple):
    share: float
    family: tuple[str, ...]
    own_given: float = 0.0
    female: tuple[str, ...] = ()
    male: tuple[str, ...] = ()


ORIGINS = (
    Origin(
        46,
        _names("""
            Martin, Bernard, Thomas, Petit, Robert, Richard, Durand, Dubois, Moreau, Laurent,
            Simon, Michel, Lefèvre, Leroy, Roux, David, Bertrand, Morel, Fournier, Girard,
            Bonnet, Dupont, Lambert, Fontaine, Rousseau, Vincent, Faure, André, Mercier, Blanc,
            Guérin, Boyer, Garnier, Chevalier, François, Legrand, Gauthier, Perrin, Robin,
            Clément, Morin, Nicolas, Henry, Roussel, Mathieu, Gautier, Masson, Marchand, Duval,
            Denis, Dumont, Marie, Lemaire, Noël, Dufour, Meunier, Brun, Blanchard, Giraud, Joly,
            Rivière, Lucas, Brunet, Gaillard, Barbier, Arnaud, Gérard, Roche, Renard, Roy,
            Leroux, Colin, Vidal, Picard, Roger, Fabre, Aubert, Lemoine, Renaud, Dumas, Lacroix,
            Olivier, Philippe, Bourgeois, Pierre, Benoît, Rey, Leclerc, Rolland, Guillaume,
            Lecomte, Dupuy, Guillot, Hubert, Berger, Dupuis, Moulin, Louis, Deschamps, Huet,
            Boucher, Fleury, Royer, Jacquet, Adam, Paris, Poirier, Marty, Aubry, Guyot, Carré,
            Charles, Renault, Charpentier, Ménard, Maillard, Baron, Bertin, Bailly, Hervé,
            Collet, Léger, Bouvier, Julien, Prévost, Millet, Perrot, Cousin, Germain, Besson,
            Langlois, Rémy, Pelletier, Lévêque, Perrier, Leblanc, Barré, Lebrun, Marchal,
            Mallet, Boulanger, Jacob, Monnier, Michaud, Guichard, Gillet, Étienne, Poulain,
            Tessier, Chevallier, Chauvin, Bouchet, Lemaître, Bénard, Maréchal, Humbert,
            Reynaud, Barthélemy, Cordier, Pichon, Lejeune, Gilbert, Lamy, Delaunay, Pasquier,
            Laporte, Bézier, Payet, Hoarau, Grondin
        """),
    ),
    Origin(  # Nord, Picardy and Flanders
        16,
        _names("""
            Lefebvre, Leclercq, Caron, Carpentier, Vasseur, Carlier, Delattre, Delcourt,
            Duhamel, Delannoy, Descamps, Lesage, Delmotte, Dubus, Flament, Duquesne, Wattiez,
            Desmarets, Dhainaut, Hennebert, Bécue, Wable, Deldique, Lecœur, Delplanque, Dupire,
            Delobel, Verhaeghe, Declercq, Deconinck, Vermeersch, Vanneste, Desmet, Dewitte,
            Vandewalle, Vandenbroucke, Vanhoutte, Vandamme, Van de Velde, Dewaele, Coppens,
            Maes, Peeters, Claeys, Willems, Wauquier, Dupret, Hochart, Demailly, Delahaye,
            Cuvelier, Dekeyser, Delbecq, Dubrulle, Lagache, Lhermitte, Ryckebusch, Salembier,
            Taffin, Wallart, Bulteel, Castelain, Debruyne
        """),
    ),
    Origin(
        3,
        _names("""
            Le Gall, Le Roux, Le Goff, Le Bihan, Le Guen, Tanguy, Le Floch, Quéré, Guivarc'h,
            Le Coz, Riou, Jaouen, Kervella, Le Pape, Morvan, Prigent, Le Meur, Le Corre,
            Le Bras, Le Borgne, Cadiou, Kerbrat, Le Hir, Guillou, Nédélec, Le Moal, Abgrall,
            Kerjean
        """),
        0.3,
        _names("Maëlle, Nolwenn, Gwenaëlle, Enora, Armelle, Soizic, Katell, Rozenn"),
        _names("Yann, Erwan, Ronan, Loïc, Tanguy, Yannick, Gwenaël, Corentin, Goulven"),
    ),
    Origin(  # Alsace and Lorraine
        3.5,
        _names("""
            Muller, Schmitt, Meyer, Klein, Weber, Schneider, Fischer, Wagner, Becker, Hoffmann,
            Koenig, Kieffer, Schaeffer, Zimmermann, Heitz, Ehrhart, Wolff, Roth, Keller, Huber,
            Burckel, Stoeffler, Ott, Baumann, Schwartz, Lang, Kuntz, Haag
        """),
    ),
    Origin(
        1,
        _names("""
            Santoni, Luciani, Paoli, Colonna, Casanova, Pieri, Leca, Mattei, Orsini, Giacomoni,
            Filippi, Peretti, Albertini, Ceccaldi, Susini, Cristofari
        """),
        0.3,
        _names("Marie-Ange, Laetitia, Paule, Marie-Dominique"),
        _names("Ange, Paul-Antoine, Jean-Toussaint, Dominique, Ange-Marie, Xavier"),
    ),
    Origin(  # the Basque Country
        1,
        _names("""
            Etcheverry, Etchegaray, Iriart, Harispe, Ospital, Larralde, Goyheneche, Elissalde,
            Irigoyen, Bidegain, Mendiboure, Haramboure, Darrigrand
        """),
        0.3,
        _names("Maite, Ainhoa, Maddi, Amaia, Itziar"),
        _names("Peio, Xabi, Beñat, Iñaki, Ellande, Manex"),
    ),
    Origin(
        4.5,
        _names("""
            Da Silva, Dos Santos, Ferreira, Pereira, Oliveira, Rodrigues, Gonçalves, Fernandes,
            Lopes, Teixeira, Carvalho, Almeida, Sousa, Ribeiro, Pinto, Gomes, Marques, Martins,
            Correia, Mendes, Da Costa, De Sousa, Monteiro, Cardoso, Alves, Moreira
        """),
        0.4,
        _names("Ana, Maria, Sofia, Inês, Joana, Catarina, Conceição, Fátima, Beatriz"),
        _names("João, José, António, Manuel, Carlos, Paulo, Rui, Tiago, Nuno, Luís"),
    ),
    Origin(
        4,
        _names("""
            Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco,
            Bruno, Gallo, Conti, De Luca, Costa, Giordano, Mancini, Rizzo, D'Angelo, Lombardi,
            Moretti, Barbieri, Fontana, Santoro, Di Stefano, Cavalli, Lo Presti, Giuliani,
            Messina, Vitale
        """),
        0.35,
        _names("Giulia, Francesca, Chiara, Elena, Alessandra, Rosa, Carla"),
        _names("Giovanni, Marco, Luca, Giuseppe, Antonio, Salvatore, Matteo, Francesco"),
    ),
    Origin(
        3,
        _names("""
            Garcia, Martinez, Lopez, Sanchez, Gonzalez, Rodriguez, Fernandez, Perez, Gomez,
            Diaz, Hernandez, Jiménez, Muñoz, Ruiz, Álvarez, Moreno, Romero, Navarro, Ortega,
            Ibáñez, Torres, Ramírez, Castillo, Delgado
        """),
        0.35,
        _names("Carmen, Isabel, Lucía, Pilar, Dolores, Mercedes"),
        _names("José, Juan, Miguel, Javier, Alejandro, Pablo, Jesús"),
    ),
    Origin(
        2.5,
        _names("""
            Kowalski, Nowak, Lewandowski, Kaczmarek, Wójcik, Kowalczyk, Mazur, Krawczyk,
            Zielinski, Szymanski, Dabrowski, Jankowski, Wozniak, Kaminski, Pawlak, Sikora,
            Grabowski, Michalak, Kopaczewski, Duda, Pietrzak, Adamczyk, Górski, Wisniewski
        """),
        0.15,
        _names("Halina, Irena, Jadwiga, Barbara, Agnieszka"),
        _names("Stanislas, Casimir, Ladislas, Thadée, Bronislaw"),
    ),
    Origin(  # the Maghreb
        7.5,
        _names("""
            Benali, Belkacem, Haddad, Bouzid, Mansouri, Cherif, Brahimi, Hamidi, Benyahia,
            Saïdi, Meziane, Zerrouki, Boukhari, Amrani, El Amrani, Benjelloun, El Idrissi,
            Aït Ahmed, Bensaïd, Khelifi, Messaoudi, Ouali, Benhamou, Ziani, Taleb, Rahmani,
            Bouaziz, Trabelsi, Ben Salah, Jaziri, Hadjadj, Boudjemaa, Laribi, Chaouch,
            Kaddouri, Belhadj, Amara, Slimani, Tahiri, El Ouazzani, Aït Ali, Abdelli, Djebbar
        """),
        0.7,
        _names("""
            Fatima, Yasmine, Nadia, Samira, Leïla, Karima, Amina, Myriam, Nora, Malika, Souad,
            Rachida, Imane, Salma, Khadija, Djamila, Sonia, Lina, Meriem, Nawel
        """),
        _names("""
            Mohamed, Karim, Mehdi, Rachid, Farid, Nabil, Samir, Yacine, Sofiane, Bilal, Hamza,
            Ilyes, Anis, Mourad, Omar, Youssef, Ayoub, Walid, Abdelkader, Djamel, Nassim
        """),
    ),
    Origin(  # West Africa
        3,
        _names("""
            Diallo, N'Diaye, Traoré, Koné, Camara, Diop, Sow, Ba, Fall, Sy, Cissé, Keita, Touré,
            Coulibaly, Diarra, Konaté, Sylla, Bamba, Sarr, Gueye, Faye, Mbaye, Kanté, Dembélé,
            Sissoko, Ouattara, Kouyaté, Doumbia, N'Guessan, Kouassi, Kouamé, Mendy, Diakité,
            Baldé, Niang, Seck, Thiam, Dia
        """),
        0.7,
        _names("""
            Aminata, Fatou, Awa, Mariama, Aïssatou, Kadiatou, Adama, Binta, Ramatoulaye, Ndèye,
            Astou, Khady
        """),
        _names("""
            Mamadou, Moussa, Ibrahima, Ousmane, Abdoulaye, Cheikh, Amadou, Boubacar,
            Souleymane, Modibo, Seydou, Lamine
        """),
    ),
    Origin(  # Central Africa
        1,
        _names("""
            Mukendi, Ilunga, Tshibangu, Nzeza, Mabiala, Mbemba, Ngoma, Kabongo, Makosso,
            Mouanda, Nkounkou
        """),
        0.6,
        _names("Grâce, Merveille, Patience, Divine, Chancelle, Ornella"),
        _names("Dieudonné, Exaucé, Bienvenu, Christ, Fiston, Junior"),
    ),
    Origin(  # the Antilles
        1,
        _names("""
            Sainte-Rose, Bellerose, Céleste, Alexis, Jean-Charles, Calixte, Marie-Sainte,
            Zamor, Jean-Louis, Bellance
        """),
    ),
    Origin(
        1,
        _names("""
            Nguyen, Tran, Le, Pham, Hoang, Phan, Vu, Dang, Bui, Do, Ngo, Duong, Ly, Truong, Vo,
            Dinh, Huynh
        """),
        0.45,
        _names("Linh, Mai, Lan, Hoa, Thu, Ngoc, Anh, Thi Lan, Thi Mai"),
        _names("Minh, Tuan, Huy, Long, Quang, Hung, Duc, Thanh, Khanh, Bao"),
    ),
    Origin(
        1,
        _names("Wang, Li, Zhang, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou, Lin, Xu"),
        0.85,
        _names("Mei, Ling, Xiaoyu, Yan, Jing, Xinyi, Yuxin"),
        _names("Wei, Jun, Hao, Lei, Ming, Zihao, Yifan"),
    ),
    Origin(
        0.8,
        _names("Yilmaz, Kaya, Demir, Öztürk, Çelik, Aydin, Dogan, Arslan, Koç"),
        0.7,
        _names("Elif, Zeynep, Ayse, Merve, Esra"),
        _names("Mehmet, Mustafa, Emre, Burak, Murat, Kerem"),
    ),
    Origin(
        0.4,
        _names("""
            Petrossian, Manoukian, Hagopian, Sarkissian, Khatchadourian, Papazian, Boyadjian
        """),
        0.3,
        _names("Anahide, Lilit, Nairi, Siranouche"),
        _names("Aram, Ara, Armen, Vahé, Krikor"),
    ),
    Origin(  # the British Isles, the Low Countries, Germany, Central and Eastern Europe
        1,
        _names("""
            O'Connor, O'Brien, Smith, Brown, McCarthy, Murphy, Taylor, van der Meer,
            van den Berg, De Vries, Jansen, Müller, Schmidt, Novak, Popescu, Ionescu,
            Papadopoulos, Nielsen
        """),
        0.3,
        _names("Emily, Sarah, Anneke, Ioana, Elena, Katarina"),
        _names("James, William, Sean, Pieter, Jan, Andrei, Nikos"),
    ),
    Origin(  # names with a particle
        0.8,
        _names("""
            de La Fontaine, du Bois, de Saint-Exupéry, d'Alembert, de Villiers,
            de Montalembert, de Lattre, d'Harcourt, de Broglie, du Pont, de Lamarck,
            de La Rochefoucauld, de Sainte-Marie, d'Aboville, de Castelnau, des Rosiers,
            de Kerguelen, du Plessis
        """),
    ),
)

# French given names by the decade of birth: (born before, female, male).
ERAS = (
    (
        1960,
        _names("""
            Marie, Monique, Françoise, Catherine, Nicole, Martine, Christine, Sylvie, Brigitte,
            Danielle, Michèle, Chantal, Annie, Jacqueline, Dominique, Évelyne, Josiane, Colette,
            Odile, Bernadette, Geneviève, Marie-Thérèse, Marie-Claude, Anne-Marie, Élisabeth,
            Claudine, Régine, Huguette, Mireille, Ghislaine
        """),
        _names("""
            Jean, Michel, Pierre, Alain, Bernard, Gérard, Jacques, Daniel, Philippe, Claude,
            René, Patrick, Christian, Jean-Pierre, Jean-Claude, Jean-Louis, André, Serge, Roger,
            Marcel, Guy, Yves, Francis, Gilbert, Jean-Marie, Raymond, Henri, Joël, Noël, Georges
        """),
    ),
    (
        1980,
        _names("""
            Nathalie, Isabelle, Sandrine, Valérie, Sophie, Stéphanie, Véronique, Céline, Karine,
            Laurence, Corinne, Florence, Virginie, Hélène, Christelle, Patricia, Agnès,
            Caroline, Anne, Cécile, Delphine, Séverine, Carole, Marie-Laure, Béatrice, Pascale,
            Muriel, Frédérique, Marie-Hélène, Anne-Sophie
        """),
        _names("""
            Philippe, Thierry, Pascal, Éric, Laurent, Stéphane, Frédéric, Olivier, Christophe,
            Didier, Bruno, Franck, Sébastien, Nicolas, David, Jérôme, Vincent, Emmanuel,
            Fabrice, Lionel, Cédric, Ludovic, Grégory, Arnaud, Jean-François, Jean-Luc, Hervé,
            Xavier, Régis, Benoît
        """),
    ),
    (
        1995,
        _names("""
            Julie, Camille, Laura, Marion, Élodie, Audrey, Mélanie, Pauline, Amandine, Claire,
            Charlotte, Sarah, Anaïs, Manon, Marine, Lucie, Justine, Émilie, Chloé, Mathilde,
            Clémence, Alice, Morgane, Jessica, Laetitia, Marie-Ève, Aurélie, Coralie, Aurore,
            Ophélie
        """),
        _names("""
            Nicolas, Julien, Thomas, Kevin, Maxime, Alexandre, Romain, Guillaume, Antoine,
            Anthony, Jérémy, Florian, Mathieu, Benjamin, Adrien, Quentin, Jonathan, Clément,
            Pierre, Damien, Sébastien, Alexis, Jean-Baptiste, Aurélien, Valentin, Loïc, Jordan,
            François, Cyril, Rémi
        """),
    ),
    (
        10000,
        _names("""
            Léa, Emma, Chloé, Manon, Inès, Camille, Sarah, Jade, Louise, Zoé, Lina, Éloïse,
            Lola, Juliette, Clara, Maëlys, Alice, Romane, Océane, Mathilde, Léna, Margaux,
            Ambre, Agathe, Noémie, Héloïse, Salomé, Anaïs, Marie-Lou, Capucine
        """),
        _names("""
            Lucas, Hugo, Enzo, Nathan, Mathis, Louis, Théo, Tom, Raphaël, Arthur, Gabriel,
            Jules, Noah, Léo, Maxime, Baptiste, Ethan, Clément, Paul, Antoine, Alexandre,
            Valentin, Adam, Axel, Sacha, Mathéo, Timothée, Évan, Noé, Yanis
        """),
    ),
)


class Degree(NamedTuple):
    """A degree: the years it was awarded, the graduates' age, the years of study, how many."""

    first: int
    last: int
    youngest: int
    oldest: int
    """Years between the birth year and the graduation year."""
    studies: int
    weight: float


DEGREES = {
    "DEUG": Degree(1975, 2006, 21, 23, 2, 8),
    "DUT": Degree(FIRST_YEAR, 2023, 21, 23, 2, 6),
    "BUT": Degree(2024, LAST_YEAR, 21, 24, 3, 6),
    "Licence": Degree(FIRST_YEAR, LAST_YEAR, 21, 25, 3, 10),
    "Licence professionnelle": Degree(2001, LAST_YEAR, 21, 26, 3, 3),
    "Maîtrise": Degree(FIRST_YEAR, 2006, 22, 26, 4, 6),
    "Master": Degree(2004, LAST_YEAR, 23, 28, 5, 8),
    "DEA": Degree(FIRST_YEAR, 2006, 23, 28, 5, 2),
    "DESS": Degree(1975, 2006, 23, 29, 5, 3),
    "Doctorat": Degree(FIRST_YEAR, LAST_YEAR, 26, 30, 8, 1.5),
}

ECONOMICS = "UFR de Sciences économiques et de gestion"
MANAGEMENT = "Institut d'administration des entreprises"
LAW = "Faculté de Droit"
ARTS = "Faculté des Lettres"
LANGUAGES = "Faculté des Langues"
CHEMISTRY = "UFR de Chimie"
PHYSICS = "UFR de Physique"
MATHEMATICS = "UFR de Mathématiques"
COMPUTING = "UFR d'Informatique"
TECHNOLOGY = "IUT de Lille"
MEDICINE = "Faculté de Médecine"
BIOLOGY = "UFR de Biologie"
PSYCHOLOGY = "UFR de Psychologie"
SPORT = "UFR STAPS"
GEOGRAPHY = "UFR de Géographie"


class Programme(NamedTuple):
    """A programme: its degree, title, discipline, faculty and how many it awards."""

    degree: str
    title: str
    discipline: str
    faculty: str
    weight: float = 1.0

    @property
    def formation(self) -> str:
        return f"{self.degree} {self.title}"


PROGRAMMES = (
    Programme("DEUG", "Sciences économiques", "Économie", ECONOMICS, 3),
    Programme("Licence", "Économie et gestion", "Économie", ECONOMICS, 3),
    Programme("Maîtrise", "Sciences économiques", "Économie", ECONOMICS, 2),
    Programme("DEA", "Économie industrielle", "Économie", ECONOMICS),
    Programme("DESS", "Banque et finance", "Finance", ECONOMICS),
    Programme("Master", "Économie appliquée", "Économie", ECONOMICS, 2),
    Programme("Master", "Monnaie, banque, finance, assurance", "Finance", ECONOMICS, 2),
    Programme("Doctorat", "Sciences économiques", "Économie", ECONOMICS),
    Programme("Licence", "Gestion", "Gestion", MANAGEMENT, 2),
    Programme("DESS", "Administration des entreprises", "Gestion", MANAGEMENT, 2),
    Programme("Master", "Management", "Gestion", MANAGEMENT, 2),
    Programme("Master", "Gestion des ressources humaines", "Ressources humaines", MANAGEMENT, 2),
    Programme(
        "Master",
        "Contrôle de gestion et audit organisationnel",
        "Comptabilité et contrôle",
        MANAGEMENT,
    ),
    Programme("DEUG", "Droit", "Droit", LAW, 4),
    Programme("Licence", "Droit", "Droit", LAW, 5),
    Programme("Maîtrise", "Droit privé", "Droit privé", LAW, 2),
    Programme("DEA", "Droit privé", "Droit privé", LAW),
    Programme("DESS", "Droit des affaires", "Droit des affaires", LAW),
    Programme("Master", "Droit des affaires", "Droit des affaires", LAW, 2),
    Programme("Master", "Droit public", "Droit public", LAW, 1.5),
    Programme("Master", "Science politique", "Science politique", LAW),
    Programme("Doctorat", "Droit", "Droit", LAW),
    Programme("DEUG", "Lettres modernes", "Lettres", ARTS, 2),
    Programme("Licence", "Lettres modernes", "Lettres", ARTS, 2),
    Programme("Licence", "Histoire", "Histoire", ARTS, 3),
    Programme("Licence", "Philosophie", "Philosophie", ARTS),
    Programme("Licence", "Histoire de l'art et archéologie", "Histoire de l'art", ARTS),
    Programme("Licence", "Information-communication", "Information et communication", ARTS, 1.5),
    Programme("Maîtrise", "Histoire", "Histoire", ARTS, 1.5),
    Programme("Master", "Histoire", "Histoire", ARTS),
    Programme("Master", "Lettres", "Lettres", ARTS),
    Programme(
        "Master",
        "Métiers de l'enseignement, de l'éducation et de la formation",
        "Sciences de l'éducation",
        ARTS,
        2,
    ),
    Programme("Doctorat", "Histoire", "Histoire", ARTS, 0.5),
    Programme("DEUG", "Anglais", "Anglais", LANGUAGES, 2),
    Programme("Licence", "Anglais", "Anglais", LANGUAGES, 2),
    Programme(
        "Licence",
        "Langues étrangères appliquées anglais-espagnol",
        "Langues étrangères appliquées",
        LANGUAGES,
        2,
    ),
    Programme("Maîtrise", "Anglais", "Anglais", LANGUAGES),
    Programme("Master", "Traduction spécialisée multilingue", "Traduction", LANGUAGES, 0.8),
    Programme("DEUG", "Sciences de la matière", "Chimie", CHEMISTRY, 2),
    Programme("Licence", "Chimie", "Chimie", CHEMISTRY, 1.5),
    Programme("Maîtrise", "Chimie", "Chimie", CHEMISTRY),
    Programme("DEA", "Chimie organique", "Chimie", CHEMISTRY, 0.5),
    Programme("Master", "Chimie", "Chimie", CHEMISTRY),
    Programme("Doctorat", "Chimie", "Chimie", CHEMISTRY, 0.8),
    Programme("Licence", "Physique", "Physique", PHYSICS),
    Programme("Master", "Physique fondamentale et applications", "Physique", PHYSICS, 0.8),
    Programme("Doctorat", "Physique", "Physique", PHYSICS, 0.6),
    Programme(
        "DEUG",
        "Mathématiques, informatique et applications aux sciences",
        "Mathématiques",
        MATHEMATICS,
        2,
    ),
    Programme("Licence", "Mathématiques", "Mathématiques", MATHEMATICS, 1.5),
    Programme(
        "Licence",
        "Mathématiques et informatique appliquées aux sciences humaines et sociales",
        "Mathématiques appliquées",
        MATHEMATICS,
    ),
    Programme("Master", "Mathématiques appliquées, statistique", "Statistique", MATHEMATICS),
    Programme("Doctorat", "Mathématiques", "Mathématiques", MATHEMATICS, 0.4),
    Programme("Licence", "Informatique", "Informatique", COMPUTING, 2),
    Programme("DESS", "Génie logiciel", "Informatique", COMPUTING, 0.8),
    Programme("Master", "Informatique", "Informatique", COMPUTING, 2),
    Programme("Doctorat", "Informatique", "Informatique", COMPUTING, 0.5),
    Programme("DUT", "Génie civil", "Génie civil", TECHNOLOGY),
    Programme("BUT", "Génie civil", "Génie civil", TECHNOLOGY),
    Programme("DUT", "Informatique", "Informatique", TECHNOLOGY, 1.5),
    Programme("BUT", "Informatique", "Informatique", TECHNOLOGY, 1.5),
    Programme("DUT", "Gestion des entreprises et des administrations", "Gestion", TECHNOLOGY, 2),
    Programme("BUT", "Gestion des entreprises et des administrations", "Gestion", TECHNOLOGY, 2),
    Programme("DUT", "Techniques de commercialisation", "Commerce", TECHNOLOGY, 2),
    Programme("BUT", "Techniques de commercialisation", "Commerce", TECHNOLOGY, 2),
    Programme("DUT", "Génie mécanique et productique", "Génie mécanique", TECHNOLOGY),
    Programme("Licence professionnelle", "Métiers du numérique", "Informatique", TECHNOLOGY),
    Programme(
        "Licence professionnelle", "Logistique et pilotage des flux", "Logistique", TECHNOLOGY
    ),
    Programme("Licence", "Sciences sanitaires et sociales", "Santé", MEDICINE),
    Programme("Master", "Santé publique", "Santé publique", MEDICINE),
    Programme("Doctorat", "Sciences de la vie et de la santé", "Santé", MEDICINE, 0.5),
    Programme("DEUG", "Sciences de la vie", "Biologie", BIOLOGY, 2),
    Programme("Licence", "Sciences de la vie", "Biologie", BIOLOGY, 2),
    Programme("Maîtrise", "Biologie cellulaire et physiologie", "Biologie", BIOLOGY, 0.8),
    Programme("Master", "Biologie moléculaire et cellulaire", "Biologie", BIOLOGY),
    Programme("Doctorat", "Biologie", "Biologie", BIOLOGY, 0.5),
    Programme("DEUG", "Psychologie", "Psychologie", PSYCHOLOGY, 2),
    Programme("Licence", "Psychologie", "Psychologie", PSYCHOLOGY, 3),
    Programme("Maîtrise", "Psychologie", "Psychologie", PSYCHOLOGY, 1.5),
    Programme("DESS", "Psychologie clinique", "Psychologie", PSYCHOLOGY, 0.8),
    Programme(
        "Master",
        "Psychologie clinique, psychopathologie et psychologie de la santé",
        "Psychologie",
        PSYCHOLOGY,
    ),
    Programme("Doctorat", "Psychologie", "Psychologie", PSYCHOLOGY, 0.3),
    Programme("DEUG", "STAPS", "STAPS", SPORT),
    Programme("Licence", "STAPS", "STAPS", SPORT, 2),
    Programme(
        "Master",
        "Entraînement et optimisation de la performance sportive",
        "STAPS",
        SPORT,
        0.6,
    ),
    Programme("Licence", "Géographie et aménagement", "Géographie", GEOGRAPHY, 1.5),
    Programme("Master", "Urbanisme et aménagement", "Urbanisme", GEOGRAPHY),
    Programme("Doctorat", "Géographie", "Géographie", GEOGRAPHY, 0.3),
)

CITIES = Weighted(
    ((city, country), weight)
    for city, country, weight in (
        ("Lille", "FR", 20),
        ("Villeneuve-d'Ascq", "FR", 6),
        ("Roubaix", "FR", 5),
        ("Tourcoing", "FR", 4),
        ("Marcq-en-Barœul", "FR", 2),
        ("Lambersart", "FR", 1.5),
        ("La Madeleine", "FR", 1),
        ("Wattrelos", "FR", 1),
        ("Armentières", "FR", 1),
        ("Lens", "FR", 3),
        ("Arras", "FR", 3),
        ("Douai", "FR", 3),
        ("Valenciennes", "FR", 3),
        ("Dunkerque", "FR", 3),
        ("Béthune", "FR", 2),
        ("Calais", "FR", 2),
        ("Boulogne-sur-Mer", "FR", 2),
        ("Cambrai", "FR", 1),
        ("Hazebrouck", "FR", 1),
        ("Saint-Omer", "FR", 1),
        ("Maubeuge", "FR", 1),
        ("Amiens", "FR", 2),
        ("Paris", "FR", 10),
        ("Boulogne-Billancourt", "FR", 1),
        ("Lyon", "FR", 3),
        ("Marseille", "FR", 2),
        ("Toulouse", "FR", 2),
        ("Bordeaux", "FR", 2),
        ("Nantes", "FR", 2),
        ("Strasbourg", "FR", 2),
        ("Rennes", "FR", 2),
        ("Montpellier", "FR", 1),
        ("Nice", "FR", 1),
        ("Reims", "FR", 1),
        ("Rouen", "FR", 1),
        ("Le Havre", "FR", 1),
        ("Metz", "FR", 1),
        ("Nancy", "FR", 1),
        ("Grenoble", "FR", 1),
        ("Brest", "FR", 1),
        ("Caen", "FR", 1),
        ("Tours", "FR", 1),
        ("Orléans", "FR", 1),
        ("Dijon", "FR", 1),
        ("Clermont-Ferrand", "FR", 1),
        ("Saint-Étienne", "FR", 1),
        ("Aix-en-Provence", "FR", 1),
        ("Ajaccio", "FR", 0.3),
        ("Bayonne", "FR", 0.3),
        ("Saint-Denis", "FR", 0.5),
        ("Bruxelles", "BE", 2),
        ("Tournai", "BE", 1),
        ("Mons", "BE", 1),
        ("Mouscron", "BE", 0.5),
        ("Liège", "BE", 0.5),
        ("Montréal", "CA", 1),
        ("Québec", "CA", 0.5),
        ("Genève", "CH", 1),
        ("Lausanne", "CH", 0.5),
        ("Luxembourg", "LU", 0.5),
        ("Londres", "GB", 1),
        ("Berlin", "DE", 0.5),
        ("Francfort", "DE", 0.3),
        ("Madrid", "ES", 0.5),
        ("Barcelone", "ES", 0.5),
        ("Lisbonne", "PT", 0.3),
        ("Amsterdam", "NL", 0.3),
        ("Dublin", "IE", 0.3),
        ("Casablanca", "MA", 0.5),
        ("Rabat", "MA", 0.3),
        ("Alger", "DZ", 0.3),
        ("Tunis", "TN", 0.3),
        ("Dakar", "SN", 0.5),
        ("Abidjan", "CI", 0.3),
        ("New York", "US", 0.3),
        ("Shanghai", "CN", 0.2),
    )
)

INSTITUTIONAL = "etu.univ-exemple.fr"
DOMAINS = Weighted(
    (
        ("gmail.com", 30),
        ("orange.fr", 12),
        ("hotmail.fr", 10),
        ("free.fr", 8),
        (INSTITUTIONAL, 8),
        ("yahoo.fr", 7),
        ("outlook.fr", 7),
        ("laposte.net", 5),
        ("wanadoo.fr", 4),
        ("sfr.fr", 3),
        ("protonmail.com", 2),
        ("icloud.com", 2),
    )
)
# {p}: the first given name, {i}: its initial, {n}: the family name, {k}: a number,
# {y} and {yy}: the birth year in four and two digits.
ADDRESSES = Weighted(
    (
        ("{p}.{n}", 40),
        ("{p}.{n}{k}", 12),
        ("{p}{n}", 10),
        ("{i}.{n}", 8),
        ("{n}.{p}", 8),
        ("{p}.{n}{y}", 6),
        ("{p}_{n}", 5),
        ("{n}{i}", 4),
        ("{i}{n}{yy}", 4),
        ("{p}-{n}", 3),
    )
)
NOT_ADDRESSES = (
    "{p}.{n}@",
    "{p}.{n}.{d}",
    "{p}@{n}@{d}",
    "{p}.{n}@{host}",
    "{p}..{n}@{d}",
    "@{d}",
    "pas-une-adresse",
    "inconnue",
    "néant",
)
LOOK_ALIKES = {"0": "O", "1": "l", "5": "S", "8": "B"}
OUT_OF_RANGE = ("1066", "1515", "1789", "1848", "1871", "2099", "2150", "2999", "3015", "9999")
IMPOSSIBLE_DATES = (
    "30/02/{y}",
    "31/02/{y}",
    "00/13/{y}",
    "00/{m}/{y}",
    "{d}/13/{y}",
    "{d}/00/{y}",
    "31/04/{y}",
    "31/06/{y}",
    "31/09/{y}",
    "31/11/{y}",
    "32/{m}/{y}",
)
TOO_LONG = 300

SECOND_GIVEN_NAME = 0.14
COMPOUND_FAMILY_NAME = 0.03
BIRTH_NAME_FEMALE, BIRTH_NAME_MALE = 0.25, 0.045
WITH_EMAIL, TWO_EMAILS = 0.6, 0.08
WITH_CITY = 0.4
RECENT_NUMBERS = 1000


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_of_year(leap: bool) -> tuple[str, ...]:
    """Every "DD/MM" of a year, in order."""
    lengths = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    return tuple(
        f"{day:02d}/{month:02d}"
        for month, length in enumerate(lengths, 1)
        for day in range(1, length + 1)
    )


DAYS = (_days_of_year(False), _days_of_year(True))

# What is drawn for each row, built once.
_FAMILY_NAMES: Weighted[tuple[str, str, int]] = Weighted(
    ((name, ascii_slug(name), index), weight)
    for index, origin in enumerate(ORIGINS)
    for name, weight in _frequent(origin.family, origin.share)
)
_OWN_GIVEN_NAMES = tuple(
    (
        origin.own_given,
        Weighted(_frequent([(name, ascii_slug(name)) for name in origin.female])),
        Weighted(_frequent([(name, ascii_slug(name)) for name in origin.male])),
    )
    for origin in ORIGINS
)
_ERA_BOUNDS = tuple(born_before for born_before, _female, _male in ERAS)
_ERA_GIVEN_NAMES = tuple(
    (
        Weighted(_frequent([(name, ascii_slug(name)) for name in female])),
        Weighted(_frequent([(name, ascii_slug(name)) for name in male])),
    )
    for _born_before, female, male in ERAS
)
_YEARS = Weighted((year, (year - 1960) ** 1.6) for year in range(FIRST_YEAR, LAST_YEAR + 1))
_PROGRAMMES_BY_YEAR = {
    year: Weighted(
        (
            (
                programme.formation,
                programme.degree,
                programme.discipline,
                programme.faculty,
                DEGREES[programme.degree],
            ),
            programme.weight * DEGREES[programme.degree].weight,
        )
        for programme in PROGRAMMES
        if DEGREES[programme.degree].first <= year <= DEGREES[programme.degree].last
    )
    for year in range(FIRST_YEAR, LAST_YEAR + 1)
}
_FAULTS_WITHOUT_DUPLICATE = tuple(kind for kind in FAULTS if kind != "duplicate_number")


class Archive:
    """``count`` rows from ``seed``, a fraction ``faulty`` of them with one fault each.

    Iterating yields the rows (without the header) as lists of strings, ``""`` for an
    empty value, the same ones for the same arguments. After a full iteration,
    ``faults`` counts the rows that got each kind of fault.
    """

    def __init__(self, count: int, *, seed: int = 2026, faulty: float = 0.05):
        if not 0 <= count <= MAX_COUNT:
            raise ValueError(f"Between 0 and {MAX_COUNT:,} rows, not {count:,}.")
        if not 0 <= faulty <= 1:
            raise ValueError(f"The fraction of faulty rows is between 0 and 1, not {faulty}.")
        self.count = count
        self.seed = seed
        self.faulty = faulty
        self.faults: Counter[str] = Counter()

    def __iter__(self) -> Iterator[list[str]]:
        rng = random.Random(self.seed)
        random_ = rng.random
        self.faults = Counter()
        next_number = [int(random_() * 5000) for _ in range(100)]
        recent: deque[str] = deque(maxlen=RECENT_NUMBERS)
        faulty_left = round(self.count * self.faulty)
        for index in range(self.count):
            year = _YEARS.pick(random_)
            formation, degree, discipline, faculty, rules = _PROGRAMMES_BY_YEAR[year].pick(random_)
            birth_year = (
                year - rules.youngest - int(random_() * (rules.oldest - rules.youngest + 1))
            )
            days = DAYS[_leap(birth_year)]
            birth_date = f"{days[int(random_() * len(days))]}/{birth_year}"

            female = random_() < 0.5
            family, family_slug, origin = _FAMILY_NAMES.pick(random_)
            if random_() < COMPOUND_FAMILY_NAME:
                other, other_slug, _origin = _FAMILY_NAMES.pick(random_)
                if other != family and " " not in family + other:
                    family, family_slug = f"{family}-{other}", f"{family_slug}-{other_slug}"
            own_given, own_female, own_male = _OWN_GIVEN_NAMES[origin]
            if own_given and random_() < own_given:
                given_names = own_female if female else own_male
            else:
                era = _ERA_GIVEN_NAMES[bisect(_ERA_BOUNDS, birth_year)]
                given_names = era[0] if female else era[1]
            given, given_slug = given_names.pick(random_)
            if random_() < SECOND_GIVEN_NAME:
                second = given_names.pick(random_)[0]
                if second != given:
                    given = f"{given} {second}"
            birth_name = ""
            if random_() < (BIRTH_NAME_FEMALE if female else BIRTH_NAME_MALE):
                married, married_slug, _origin = _FAMILY_NAMES.pick(random_)
                if married != family:
                    birth_name, family, family_slug = family, married, married_slug

            prefix = (year - rules.studies) % 100
            number = f"{prefix * 1_000_000 + next_number[prefix]:08d}"
            next_number[prefix] += 1 + int(random_() * 3)

            emails = ""
            if random_() < WITH_EMAIL:
                emails = _address(given_slug, family_slug, birth_year, year, random_)
                if random_() < TWO_EMAILS:
                    other = _address(given_slug, family_slug, birth_year, year, random_)
                    if other != emails:
                        emails = f"{emails} {other}"
            city = country = ""
            if random_() < WITH_CITY:
                city, country = CITIES.pick(random_)

            row = [
                number,
                family,
                given,
                birth_name,
                birth_date,
                emails,
                formation,
                degree,
                discipline,
                faculty,
                str(year),
                city,
                country,
            ]
            # A row is faulty with the chance of the faulty rows left among the rows
            # left: exactly round(count × faulty) of them are, spread at random.
            if random_() * (self.count - index) < faulty_left:
                faulty_left -= 1
                kinds = FAULTS if recent else _FAULTS_WITHOUT_DUPLICATE
                kind = kinds[int(random_() * len(kinds))]
                _spoil(row, kind, random_, recent)
                self.faults[kind] += 1
            else:
                recent.append(number)
            yield row


def _address(
    given: str, family: str, birth_year: int, graduation_year: int, draw: Callable[[], float]
) -> str:
    """An e-mail address of the graduate: "marie.lefevre@orange.fr", "jdupont87@gmail.com".

    The university's own address ("prenom.nom@etu…") only for those who graduated
    since 2000.
    """
    domain = DOMAINS.pick(draw)
    if domain == INSTITUTIONAL:
        if graduation_year >= 2000:
            return f"{given}.{family}@{domain}"
        domain = "gmail.com"
    local = ADDRESSES.pick(draw).format(
        p=given,
        i=given[0],
        n=family,
        k=1 + int(draw() * 99),
        y=birth_year,
        yy=f"{birth_year % 100:02d}",
    )
    return f"{local}@{domain}"


def _spoil(row: list[str], kind: str, draw: Callable[[], float], recent: deque[str]) -> None:
    """Give ``row`` the fault ``kind``, leaving its other values as they are."""
    birth_year = row[BIRTH_DATE][-4:]
    match kind:
        case "impossible_date":
            pattern = IMPOSSIBLE_DATES[int(draw() * len(IMPOSSIBLE_DATES))]
            row[BIRTH_DATE] = pattern.format(
                d=row[BIRTH_DATE][:2], m=row[BIRTH_DATE][3:5], y=birth_year
            )
        case "born_after_graduation":
            year = int(row[YEAR]) + 1 + int(draw() * 5)
            day = row[BIRTH_DATE][:5]
            if day == "29/02" and not _leap(year):
                day = "28/02"
            row[BIRTH_DATE] = f"{day}/{year}"
        case "invalid_email":
            given = ascii_slug(row[GIVEN].split(" ")[0])
            family = ascii_slug(row[FAMILY])
            domain = DOMAINS.pick(draw)
            wrong = NOT_ADDRESSES[int(draw() * len(NOT_ADDRESSES))].format(
                p=given, n=family, d=domain, host=domain.partition(".")[0]
            )
            row[EMAILS] = f"{row[EMAILS]} {wrong}" if row[EMAILS] and draw() < 0.3 else wrong
        case "missing_name":
            row[FAMILY] = row[BIRTH_NAME] = ""
        case "missing_programme":
            row[PROGRAMME] = ""
        case "year_not_a_number":
            digits = row[YEAR]
            places = [place for place, digit in enumerate(digits) if digit in LOOK_ALIKES]
            place = places[int(draw() * len(places))]
            row[YEAR] = digits[:place] + LOOK_ALIKES[digits[place]] + digits[place + 1 :]
        case "year_out_of_range":
            row[YEAR] = OUT_OF_RANGE[int(draw() * len(OUT_OF_RANGE))]
        case "duplicate_number":
            row[NUMBER] = recent[int(draw() * len(recent))]
        case "missing_number":
            row[NUMBER] = ""
        case "too_long":
            # The names of a whole family in one cell, cut to TOO_LONG characters,
            # the last one a letter.
            names = [row[FAMILY]]
            while sum(len(name) + 1 for name in names) < TOO_LONG:
                names.append(_FAMILY_NAMES.pick(draw)[0])
            row[FAMILY] = "-".join(names)[: TOO_LONG - 1] + "e"


def write_csv(
    path: str | Path,
    archive: Archive,
    *,
    delimiter: str = ";",
    encoding: str = "utf-8",
    bom: bool = False,
) -> None:
    """Write ``archive`` as CSV, header line first, lines ending in CRLF as Excel writes them.

    ``bom`` starts a UTF-8 file with a byte-order mark (Excel's "CSV UTF-8").
    """
    if bom:
        if codecs.lookup(encoding).name != "utf-8":
            raise ValueError(f"A byte-order mark is written in UTF-8 only, not {encoding}.")
        encoding = "utf-8-sig"
    with open(path, "w", encoding=encoding, newline="") as file:
        writer = csv.writer(file, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(HEADERS)
        writer.writerows(archive)


def write_xlsx(path: str | Path, archive: Archive) -> None:
    """Write ``archive`` as a workbook of one sheet, "Diplômés", header row first.

    A valid birth date is a date cell (shown day/month/year), a faulty one text; a
    numeric graduation year is a number, any other text.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Diplômés")
    sheet.append(HEADERS)
    for row in archive:
        values: list[object] = list(row)
        day, month, year = row[BIRTH_DATE].split("/")
        try:
            birth_date = date(int(year), int(month), int(day))
        except ValueError:
            pass
        else:
            cell = WriteOnlyCell(sheet, value=birth_date)
            cell.number_format = "DD/MM/YYYY"
            values[BIRTH_DATE] = cell
        if row[YEAR].isdecimal():
            values[YEAR] = int(row[YEAR])
        sheet.append(values)
    workbook.save(path)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.graduates",
        description="Write synthetic graduate archives (CSV, or XLSX with --xlsx).",
    )
    parser.add_argument("path", type=Path)
    parser.add_argument("count", type=int, help="how many rows, header not counted")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--faulty", type=float, default=0.05, help="the fraction of rows with a fault"
    )
    parser.add_argument("--xlsx", action="store_true", help="a workbook rather than CSV")
    parser.add_argument("--encoding", default="utf-8", help="of the CSV, e.g. cp1252")
    parser.add_argument("--bom", action="store_true", help="start the UTF-8 CSV with a BOM")
    args = parser.parse_args(argv)
    try:
        archive = Archive(args.count, seed=args.seed, faulty=args.faulty)
        if args.xlsx:
            write_xlsx(args.path, archive)
        else:
            write_csv(args.path, archive, encoding=args.encoding, bom=args.bom)
    except ValueError as error:
        parser.error(str(error))
    faults = ", ".join(f"{kind} {count}" for kind, count in sorted(archive.faults.items()))
    print(f"{args.count} rows written to {args.path}; {archive.faults.total()} faulty: {faults}")


if __name__ == "__main__":
    main()
