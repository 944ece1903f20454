"""The rules' variables, one module per topic. `ALL` lists them for the tax-benefit system."""

from . import benefit, costs, demography, grounds, income, property, work

MODULES = [demography, income, work, property, costs, grounds, benefit]
ALL = [variable for module in MODULES for variable in module.VARIABLES]
