"""Common UK first names, used to spot people's names in free text before it is shown to anyone.

Names that are also everyday words ("Will", "May", "Mark", "Amber", as in the RAG rating) are left
out altogether; `CAPITALISED_ONLY` names are only taken as names when written with a capital,
because in lower case they are more often a word ("jack", "rose", "holly").
"""

from __future__ import annotations

from typing import Final


def words(block: str) -> frozenset[str]:
    """The words of a block of text: keeps long lists readable, one paragraph each."""
    return frozenset(block.split())


_BOYS = """
Aaron Adam Ahmed Aiden Albert Alex Alexander Alfie Ali Andrew Anthony Archie Arthur Ashley Ben
Benjamin Bobby Bradley Brandon Callum Cameron Charlie Chris Christopher Connor Craig Daniel Danny
Darren David Dean Dylan Edward Elijah Elliot Elliott Ethan Finley Finn Freddie Gary George Harrison
Harry Henry Hugo Isaac Jack Jacob Jake James Jamie Jason Jay Jayden Joe Joel John Jonathan Jordan
Joseph Josh Joshua Jude Kai Kevin Kieran Kyle Lee Leo Leon Lewis Liam Logan Louie Louis Luca Lucas
Luke Mason Matthew Max Michael Mohammed Mohammad Muhammad Nathan Neil Noah Oliver Ollie Oscar Owen
Paul Peter Reece Reggie Rhys Richard Riley Robert Ronnie Rory Ryan Sam Samuel Scott Sean Sebastian
Simon Stanley Stephen Steven Stuart Teddy Theo Thomas Toby Tom Tommy Tony Tyler Wayne William
Zachary Zak
"""

_GIRLS = """
Abigail Aisha Alice Alisha Amelia Amy Angela Anna Ava Beatrice Bella Bethany Caitlin Charlotte
Chloe Claire Courtney Daisy Danielle Demi Eleanor Elizabeth Ella Ellie Elsie Emily Emma Erin Esme
Eva Evelyn Evie Fatima Florence Freya Gemma Grace Hannah Harper Helen Hollie Holly Imogen
Isabel Isabella Isabelle Isla Ivy Jade Jasmine Jennifer Jess Jessica Jodie Joanne Julie Karen Katie
Kayleigh Kelly Kirsty Laura Lauren Layla Leah Lexi Lily Lisa Louise Lucy Luna Maisie Maria Mary
Maryam Matilda Megan Mia Michelle Millie Molly Naomi Natalie Nicola Olivia Paige Phoebe Poppy
Rachel Rebecca Rosie Rose Ruby Samantha Sarah Scarlett Shannon Sienna Sophia Sophie Stacey Tia
Tracey Tracy Victoria Violet Willow Zara Zoe
"""

FIRST_NAMES: Final[frozenset[str]] = words(_BOYS + _GIRLS)

# Ordinary words in lower case; names only when capitalised.
CAPITALISED_ONLY: Final[frozenset[str]] = words(
    """
    Ali Ben Bella Daisy Dean Grace Harper Holly Hollie Ivy Jack Jade Jay Jess Joe Lee Leo Louie
    Max Poppy Rose Ruby Sam Tom Violet Willow Luna Lily Teddy Angela Stanley Mason Tyler Kai Finn
    """
)
