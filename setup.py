"""The wheel carries the checkout's data/, ontology/ and queries/ as reskg.data, reskg.ontology
and reskg.queries (read through importlib.resources, see reskg.paths); the folders stay at the
top of the checkout, where an editable install reads them.

The package list is found, not written out, so a new package under src/reskg is never left out.
"""

from setuptools import find_namespace_packages, find_packages, setup

SHARED = {"reskg.data": "data", "reskg.ontology": "ontology", "reskg.queries": "queries"}

packages = find_packages("src")
package_dir = {"": "src"}
package_data = {"reskg": ["py.typed"]}
for package, folder in SHARED.items():
    package_dir[package] = folder
    for name in [package, *(f"{package}.{sub}" for sub in find_namespace_packages(folder))]:
        packages.append(name)
        package_data[name] = ["*"]

setup(packages=packages, package_dir=package_dir, package_data=package_data)
