"""How a generated household's facts are drawn, part by part. `population.HouseholdGenerator`
calls the parts in a fixed order, all from the household's one `random.Random`: the order of the
draws is the population, so changing it (or adding a draw anywhere) changes every household.

- `members.py`: who lives here: composition, names, marriages, the applicant, relations;
- `life.py`: one person's life: ID card and phone, school and university, military service,
  custody, disability, pension, trips abroad;
- `work.py`: work and income: contracts, entrepreneurship, losing a job and unemployment,
  the bank accounts income is paid into;
- `displacement.py`: IDP status, for the whole household;
- `property.py`: the home and other dwellings, vehicles, land shares, and their notarised deeds;
- `utilities.py`: electricity, gas and water accounts; the fixed line and internet;
- `assistance.py`: an earlier application for targeted social assistance.
"""
