"""The fictional demo network "Netzwerk Brückenschlag Musterkreis" (a plain package, no app).

`generator` plans the participants deterministically (plain data), `load` creates them through
the real services, `vocabulary` holds the invented names and places; the benchmark seeder in
`bench/` reuses the generator and the vocabulary.
"""
