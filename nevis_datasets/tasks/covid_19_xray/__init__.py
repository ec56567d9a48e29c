"""COVID-19 Radiography Database: chest X-rays, COVID-19, lung opacity, normal, viral pneumonia."""
